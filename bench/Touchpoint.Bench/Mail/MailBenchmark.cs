using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Hosting;
using Touchpoint.Data;

namespace Touchpoint.Bench.Mail;

/// <summary>
/// "mail": customers' mail through Touchpoint's inbound pipeline (parse, match, thread, store) against MimeKit and raw
/// inserts of the same rows, and the outbox delivered over SMTP against MailKit sending the same messages.
/// </summary>
internal static class MailBenchmark
{
    public static Command Command()
    {
        var messages = BenchOptions.Count("--messages", 100_000, "inbound messages in the mix");
        var outbound = BenchOptions.Count("--outbound", 0, "outbound messages delivered (default: the smaller of --messages and 20,000)", minimum: 0);
        var customers = BenchOptions.Count("--customers", 20_000, "customers with an e-mail address, every other one with an open case", minimum: 2);
        var database = BenchOptions.Database();
        var connection = BenchOptions.Connection();
        var folder = BenchOptions.Folder();
        var command = new Command("mail",
            "Inbound mail through Touchpoint's pipeline against MimeKit plus raw inserts; the outbox over SMTP against MailKit on one connection.")
        {
            messages, outbound, customers, database, connection, folder,
        };
        BenchOptions.RequireConnectionForPostgres(command, database, connection);
        command.SetAction((parsed, _) =>
        {
            var inbound = parsed.GetValue(messages);
            var settings = new MailBenchSettings(inbound, parsed.GetValue(outbound) is > 0 and var m ? m : Math.Min(inbound, 20_000), parsed.GetValue(customers));
            return BenchHost.RunInFolderAsync(parsed.GetValue(folder), (path, cancellationToken) =>
                new MailRun(parsed.GetValue(database), path, parsed.GetValue(connection), settings).ExecuteAsync(cancellationToken));
        });
        return command;
    }
}

internal sealed record MailBenchSettings(int Messages, int Outbound, int Customers)
{
    public int Cases => Customers / 2;
}

/// <summary>One run of "mail": seeding, generating the mix, inbound, outbound, then the report.</summary>
internal sealed class MailRun(DatabaseProvider provider, string folder, string? postgresConnection, MailBenchSettings s)
{
    private readonly BenchReport report = new(metricWidth: 34);

    public async Task ExecuteAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mail benchmark: {s.Messages:N0} inbound, {s.Outbound:N0} outbound, {s.Customers:N0} customers, {s.Cases:N0} open cases, {provider} in {folder}"));
        BenchHost.DeleteSqliteFiles(provider, folder);

        await using var smtp = new BenchSmtpServer();
        var connectionString = BenchHost.ConnectionString(provider, folder, postgresConnection);
        var settings = BenchHost.Settings(provider, connectionString, RandomNumberGenerator.GetHexString(32));
        foreach (var (key, value) in smtp.Settings)
        {
            settings[key] = value;
        }

        using var host = BenchHost.CreateBuilder(settings).Build();
        await host.StartAsync(cancellationToken);
        try
        {
            var seed = Stopwatch.StartNew();
            var seeded = await MailSeeder.SeedAsync(host.Services, s.Customers, s.Cases, cancellationToken);
            report.Figures["seedSeconds"] = Format.Json(seed.Elapsed.TotalSeconds, 1);
            Console.WriteLine($"seeded in {seed.Elapsed.TotalSeconds:0.0} s; generating {s.Messages:N0} messages …");

            var mix = new InboundMix(seeded, TimeProvider.System.GetUtcNow().UtcDateTime);
            var messages = mix.Generate(s.Messages);
            var expected = mix.Expectation;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"mix: {string.Join(", ", messages.GroupBy(m => m.Kind).OrderBy(g => g.Key).Select(g => $"{g.Count():N0} {g.Key}"))}; {expected.Attachments:N0} with a PDF; {messages.Sum(m => (long)m.Bytes.Length) / messages.Count:N0} bytes on average"));

            var raw = new RawDb(provider, connectionString);
            await InboundMeasurement.RunAsync(host.Services, raw, messages, expected, report, cancellationToken);
            await OutboundMeasurement.RunAsync(host.Services, raw, smtp, seeded, s.Outbound, report, cancellationToken);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        report.Print(new()
        {
            ["benchmark"] = "mail",
            ["database"] = provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres",
            ["messages"] = s.Messages,
            ["outbound"] = s.Outbound,
            ["customers"] = s.Customers,
            ["cases"] = s.Cases,
            ["processors"] = Environment.ProcessorCount,
        });
    }
}
