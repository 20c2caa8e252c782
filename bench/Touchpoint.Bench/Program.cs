using Touchpoint.Bench;

// Benchmarks run on demand, never as unit tests. Each figure is printed beside a raw ADO.NET
// baseline doing the same work in the same run, so the ratio survives a slower or faster machine.
//
//   dotnet run -c Release --project bench/Touchpoint.Bench -- writes [--rows 20000]
//   dotnet run -c Release --project bench/Touchpoint.Bench -- customers [--customers 1000000] [--interactions 20000000]
//       [--database sqlite|postgres] [--connection <npgsql connection string>] [--folder <work dir>]
//       [--duration-seconds 10] [--warmup-seconds 30] [--concurrency 4] [--samples 2000] [--reuse]
//   dotnet run -c Release --project bench/Touchpoint.Bench -- work [--promises 1000000] [--cases 500000]
//       [--database sqlite|postgres] [--connection <npgsql connection string>] [--folder <work dir>]
//       [--customers 5000] [--owners 200] [--lag-promises 2000] [--lag-window-seconds 4] [--samples 2000]
//       [--duration-seconds 10] [--warmup-seconds 5] [--concurrency 4]
//
// "writes": audited EF Core writes against raw inserts of the same rows and audit entries on SQLite.
// "customers": a generated operator imported through Touchpoint's import, then identity search, the
// first timeline page and the 360 page over HTTP, each against raw ADO.NET on the same data.
// "work": open promises and cases over some hundred owners, then the DueWatcher's lag from due time to breach committed
// (against a raw UPDATE … RETURNING loop), "my work" for one owner, and POST /api/cases over HTTP, each against raw SQL.
// --reuse (with --folder) measures again on the data an earlier run imported there, without importing.

var options = new BenchOptions(args);
return options.Command switch
{
    "writes" => await WritesBenchmark.RunAsync(options),
    "customers" => await CustomersBenchmark.RunAsync(options),
    "work" => await WorkBenchmark.RunAsync(options),
    _ => Unknown(options.Command),
};

static int Unknown(string command)
{
    Console.Error.WriteLine($"Unknown benchmark '{command}'. Available: writes, customers, work.");
    return 2;
}
