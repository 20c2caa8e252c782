using Touchpoint.Bench;

// Benchmarks run on demand, never as unit tests. Each figure is printed beside a raw ADO.NET
// baseline doing the same work in the same run, so the ratio survives a slower or faster machine.
//
//   dotnet run -c Release --project bench/Touchpoint.Bench -- writes [--rows 20000]
//   dotnet run -c Release --project bench/Touchpoint.Bench -- customers [--customers 1000000] [--interactions 20000000]
//       [--database sqlite|postgres] [--connection <npgsql connection string>] [--folder <work dir>]
//       [--duration-seconds 10] [--warmup-seconds 30] [--concurrency 4] [--samples 2000] [--reuse]
//
// "writes": audited EF Core writes against raw inserts of the same rows and audit entries on SQLite.
// "customers": a generated operator imported through Touchpoint's import, then identity search, the
// first timeline page and the 360 page over HTTP, each against raw ADO.NET on the same data.
// --reuse (with --folder) measures again on the data an earlier run imported there, without importing.

var options = new BenchOptions(args);
return options.Command switch
{
    "writes" => await WritesBenchmark.RunAsync(options),
    "customers" => await CustomersBenchmark.RunAsync(options),
    _ => Unknown(options.Command),
};

static int Unknown(string command)
{
    Console.Error.WriteLine($"Unknown benchmark '{command}'. Available: writes, customers.");
    return 2;
}
