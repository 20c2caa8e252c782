using System.Globalization;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Import;

/// <summary>
/// <c>touchpoint import &lt;customers|subscriptions|interactions|coverage&gt; &lt;file&gt; [--skip-invalid] [--reject-file path]</c>:
/// the same configuration and database as the web start (migrated first), no web server.
/// Exit codes: 0 imported, 1 nothing imported (bad rows, a bad header, or the database could not be used), 2 usage error.
/// </summary>
public static class ImportCommand
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    /// <summary>Bad rows printed; the rest are counted (and all are in the reject file with --skip-invalid).</summary>
    public const int MaxErrorsPrinted = 20;

    public const string Usage =
        "Usage: import <customers|subscriptions|interactions|coverage> <file.csv|file.ndjson|file.jsonl> [--skip-invalid] [--reject-file <path>] [--Setting:Key=value ...]";

    public static bool Matches(string[] args) => args is ["import", ..];

    /// <summary>Runs the import as the CLI does; returns the exit code. Settings (--Key=value) work as for the web start.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (Parse(args, out var request, out var settings) is { } usage)
        {
            await error.WriteLineAsync($"{usage}\n{Usage}");
            return UsageError;
        }

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            // The transaction rolls back; nothing half-imported stays behind.
            e.Cancel = true;
            cancel.Cancel();
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            return await RunAsync(request!, settings, output, error, cancel.Token);
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            await error.WriteLineAsync("Import cancelled; nothing was imported.");
            return Failed;
        }
        catch (Exception e) when (Unwrap(e) is StartupException startup)
        {
            await error.WriteLineAsync($"Touchpoint cannot import: {startup.Message}");
            return Failed;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    private static async Task<int> RunAsync(ImportRequest request, string[] settings, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = settings,
            // As for the web start: appsettings.json beside the binary, ./data relative to where Touchpoint is started.
            ContentRootPath = AppContext.BaseDirectory,
        });
        // A failed start is reported in one sentence, as by Program; the host would log a stack trace too.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
        builder.Services.AddTouchpointCore(builder.Configuration);

        using var host = builder.Build();
        // Runs the DatabaseInitializer: the database is checked and migrated exactly as at a web start.
        await host.StartAsync(cancellationToken);
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<Importer>();
            var progress = new ImportProgress(new FileInfo(request.Path).Length);
            var clock = host.Services.GetRequiredService<TimeProvider>();
            ImportResult result;
            using (var display = new ProgressDisplay(request, progress, output, clock, interactive: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected))
            {
                result = await importer.RunAsync(request, progress, cancellationToken);
            }

            return await ReportAsync(request, result, output, error);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<int> ReportAsync(ImportRequest request, ImportResult result, TextWriter output, TextWriter error)
    {
        var file = Path.GetFileName(request.Path);
        if (result.FileError is { } fileError)
        {
            await error.WriteLineAsync($"{file}: {fileError} Nothing was imported.");
            return Failed;
        }

        foreach (var bad in result.Errors.Take(MaxErrorsPrinted))
        {
            await error.WriteLineAsync(bad.ToString());
        }

        if (result.Rejected > MaxErrorsPrinted)
        {
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"… and {result.Rejected - MaxErrorsPrinted:N0} more bad rows."));
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{result.Read:N0} rows read, {result.Imported:N0} imported, {result.Rejected:N0} rejected in {result.Duration.TotalSeconds:0.0} s ({result.RowsPerSecond:N0} rows/s).");
        if (!result.Committed)
        {
            await output.WriteLineAsync(summary);
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Nothing was imported: {result.Rejected:N0} of {result.Read:N0} rows in {file} are invalid. Fix them, or run again with --skip-invalid to import the {result.Read - result.Rejected:N0} valid rows."));
            return Failed;
        }

        await output.WriteLineAsync(result.RejectFile is null ? summary : $"{summary} Rejected rows are in {result.RejectFile}.");
        return Success;
    }

    /// <summary>The request, and the remaining arguments as configuration; or a one-sentence usage error.</summary>
    private static string? Parse(string[] args, out ImportRequest? request, out string[] settings)
    {
        request = null;
        var rest = new List<string>();
        var positional = new List<string>();
        var skipInvalid = false;
        string? rejectFile = null;
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--skip-invalid":
                    skipInvalid = true;
                    break;
                case "--reject-file":
                    if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        settings = [];
                        return "--reject-file needs a path.";
                    }

                    rejectFile = args[++i];
                    break;
                case var _ when arg.StartsWith("--reject-file=", StringComparison.Ordinal):
                    rejectFile = arg["--reject-file=".Length..];
                    break;
                case var _ when arg.StartsWith("--", StringComparison.Ordinal):
                    // Settings are --Section:Key=value (or --Section:Key value); anything else is a typo of an option.
                    var name = arg[2..].Split('=', 2)[0];
                    if (!name.Contains(':', StringComparison.Ordinal) && name is not ("environment" or "contentRoot"))
                    {
                        settings = [];
                        return $"Unknown option '{arg}'.";
                    }

                    rest.Add(arg);
                    if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
                    {
                        rest.Add(args[++i]);
                    }

                    break;
                default:
                    positional.Add(arg);
                    break;
            }
        }

        settings = [.. rest];
        if (positional.Count == 0)
        {
            return "Say what to import: customers, subscriptions, interactions or coverage.";
        }

        ImportKind? kind = positional[0].ToUpperInvariant() switch
        {
            "CUSTOMERS" => ImportKind.Customers,
            "SUBSCRIPTIONS" => ImportKind.Subscriptions,
            "INTERACTIONS" => ImportKind.Interactions,
            "COVERAGE" => ImportKind.Coverage,
            _ => null,
        };
        if (kind is null)
        {
            return $"'{positional[0]}' is not something Touchpoint imports; use customers, subscriptions, interactions or coverage.";
        }

        if (positional.Count < 2)
        {
            return $"Give the file of {positional[0]} to import.";
        }

        if (positional.Count > 2)
        {
            return $"Unexpected argument '{positional[2]}'.";
        }

        var path = Path.GetFullPath(positional[1]);
        if (ImportFormats.FromPath(path) is null)
        {
            return $"{positional[1]} is neither CSV (.csv) nor NDJSON (.ndjson, .jsonl).";
        }

        if (!File.Exists(path))
        {
            return $"The file {positional[1]} does not exist.";
        }

        var rejectPath = rejectFile is null ? null : Path.GetFullPath(rejectFile);
        if (string.Equals(rejectPath ?? ImportRequest.DefaultRejectPath(path), path, StringComparison.Ordinal))
        {
            return "The reject file must not be the file being imported.";
        }

        request = new ImportRequest(kind.Value, path, skipInvalid, rejectPath, new Actor(null, $"{Environment.UserName} (import)", null, "cli"));
        return null;
    }

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : e;
}

/// <summary>
/// The progress line: redrawn in place (\r) at most ten times a second on a terminal; when the output is redirected,
/// a plain line every few seconds instead. Stops with the import.
/// </summary>
internal sealed class ProgressDisplay : IDisposable
{
    private readonly ImportProgress progress;
    private readonly TextWriter output;
    private readonly TimeProvider clock;
    private readonly bool interactive;
    private readonly string label;
    private readonly long started;
    private readonly ITimer timer;
    private readonly Lock gate = new();
    private int lastLength;
    private bool stopped;

    public ProgressDisplay(ImportRequest request, ImportProgress progress, TextWriter output, TimeProvider clock, bool interactive)
    {
        this.progress = progress;
        this.output = output;
        this.clock = clock;
        this.interactive = interactive;
        label = $"{request.Kind.ToString().ToLowerInvariant()} from {Path.GetFileName(request.Path)}";
        started = clock.GetTimestamp();
        var period = interactive ? TimeSpan.FromMilliseconds(100) : TimeSpan.FromSeconds(5);
        timer = clock.CreateTimer(_ => Draw(), null, period, period);
    }

    public void Dispose()
    {
        timer.Dispose();
        lock (gate)
        {
            stopped = true;
            if (interactive && lastLength > 0)
            {
                // Leave the last state on screen and move on to the summary.
                output.Write($"\r{Line()}".PadRight(lastLength + 1));
                output.WriteLine();
            }
        }
    }

    private void Draw()
    {
        lock (gate)
        {
            if (stopped)
            {
                return;
            }

            var line = Line();
            if (interactive)
            {
                output.Write($"\r{line}".PadRight(lastLength + 1));
                lastLength = line.Length;
            }
            else
            {
                output.WriteLine(line);
            }

            output.Flush();
        }
    }

    private string Line()
    {
        var elapsed = clock.GetElapsedTime(started);
        var read = progress.Read;
        var rate = elapsed.TotalSeconds > 0 ? read / elapsed.TotalSeconds : 0;
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{label}: {read:N0} read, {progress.Validated:N0} validated, {progress.Written:N0} written, {rate:N0} rows/s");
        if (progress.TotalBytes is > 0 and var total && progress.BytesRead is > 0 and var done)
        {
            var fraction = Math.Min(1.0, (double)done / total);
            var remaining = fraction > 0 ? TimeSpan.FromSeconds(elapsed.TotalSeconds * (1 - fraction) / fraction) : TimeSpan.Zero;
            var bar = new string('#', (int)(fraction * 20)).PadRight(20, '.');
            text = string.Create(CultureInfo.InvariantCulture, $"[{bar}] {fraction:P0} {text}, ETA {remaining:h\\:mm\\:ss}");
        }

        return text;
    }
}
