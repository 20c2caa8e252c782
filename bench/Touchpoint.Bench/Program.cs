using System.CommandLine;
using Touchpoint.Bench;
using Touchpoint.Bench.Customers;
using Touchpoint.Bench.Mail;
using Touchpoint.Bench.Telephony;
using Touchpoint.Bench.Tickets;
using Touchpoint.Bench.Work;

// Benchmarks run on demand, never as unit tests. Each figure is printed beside a raw ADO.NET
// baseline doing the same work in the same run, so the ratio survives a slower or faster machine.
//
//   dotnet run -c Release --project bench/Touchpoint.Bench -- --help              the benchmarks
//   dotnet run -c Release --project bench/Touchpoint.Bench -- customers --help    one benchmark's options
//
// "writes": audited EF Core writes against raw inserts of the same rows and audit entries on SQLite.
// "customers": a generated operator imported through Touchpoint's import, then identity search, the
// first timeline page and the 360 page over HTTP, each against raw ADO.NET on the same data.
// "work": open promises and cases over some hundred owners, then the DueWatcher's lag from due time to breach committed
// (against a raw UPDATE … RETURNING loop), "my work" for one owner, and POST /api/cases over HTTP, each against raw SQL.
// "mail": generated customer mail through Touchpoint's inbound pipeline against MimeKit plus raw inserts of the same rows,
// and the outbox delivered over SMTP to a server in this process against MailKit sending the same messages.
// "queue": the queue API's events (enter, connect, end, available) over HTTP against raw writes of the same rows.
// --reuse (with --folder) measures again on the data an earlier run imported there, without importing.

var root = new RootCommand("Touchpoint's benchmarks, each beside a raw baseline doing the same work in the same run.")
{
    WritesBenchmark.Command(),
    CustomersBenchmark.Command(),
    WorkBenchmark.Command(),
    MailBenchmark.Command(),
    TicketsBenchmark.Command(),
    QueueBenchmark.Command(),
};

// With no benchmark named, "writes" runs, as it always did.
var parsed = root.Parse(args.Length == 0 ? ["writes"] : args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        await Console.Error.WriteLineAsync(error.Message);
    }

    await Console.Error.WriteLineAsync("--help lists the benchmarks; <benchmark> --help their options.");
    return 2;
}

// Each benchmark stops on Ctrl+C itself, cleaning up its work folder first.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
