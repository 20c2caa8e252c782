using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
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
        "Usage: import <customers|subscriptions|interactions|coverage> <file.csv|file.ndjson|file.jsonl> [--skip-invalid] [--reject-file <path>] [--Setting:Key=value ...] (--help for more)";

    private static readonly Dictionary<string, ImportKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["customers"] = ImportKind.Customers,
        ["subscriptions"] = ImportKind.Subscriptions,
        ["interactions"] = ImportKind.Interactions,
        ["coverage"] = ImportKind.Coverage,
    };

    public static bool Matches(string[] args) => args is ["import", ..];

    /// <summary>Runs the import as the CLI does; returns the exit code. Settings (--Key=value) work as for the web start.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var (own, settings) = SplitSettings(args);
        var syntax = new ImportSyntax();
        var parsed = syntax.Root.Parse(own);
        if (parsed.Action is HelpAction)
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
        }

        if (UsageProblem(parsed) is { } usage)
        {
            await error.WriteLineAsync($"{usage}\n{Usage}");
            return UsageError;
        }

        var request = syntax.Request(parsed);
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
            return await RunAsync(request, settings, output, error, cancel.Token);
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
        using var host = CommandHost.Build(settings);
        // Runs the DatabaseInitializer: the database is checked and migrated exactly as at a web start.
        await host.StartAsync(cancellationToken);
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            var importer = scope.ServiceProvider.GetRequiredService<Importer>();
            var progress = new ImportProgress(new FileInfo(request.Path).Length);
            var clock = host.Services.GetRequiredService<TimeProvider>();
            var console = ImportProgressDisplay.Console(output, interactive: ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected);
            var label = $"{request.Kind.ToString().ToLowerInvariant()} from {Path.GetFileName(request.Path)}";
            var result = await ImportProgressDisplay.ShowAsync(console, label, progress, clock, () => importer.RunAsync(request, progress, cancellationToken));
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

    /// <summary>
    /// Settings (<c>--Section:Key=value</c> or <c>--Section:Key value</c>, and the host's <c>--environment</c> and
    /// <c>--contentRoot</c>) go to the configuration as for the web start; the rest is the import's own command line.
    /// </summary>
    private static (string[] Own, string[] Settings) SplitSettings(string[] args)
    {
        var own = new List<string>();
        var settings = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            var name = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..].Split('=', 2)[0] : "";
            var isSetting = name is "environment" or "contentRoot"
                || (name.Contains(':', StringComparison.Ordinal) && name.Split(':')[0] is not ("reject-file" or "skip-invalid"));
            if (!isSetting)
            {
                own.Add(arg);
                continue;
            }

            settings.Add(arg);
            if (!arg.Contains('=', StringComparison.Ordinal) && i + 1 < args.Length)
            {
                settings.Add(args[++i]);
            }
        }

        return ([.. own], [.. settings]);
    }

    /// <summary>The first thing wrong with the command line, in one sentence; null when it is a request to import.</summary>
    private static string? UsageProblem(ParseResult parsed)
    {
        if (parsed.UnmatchedTokens is [var unmatched, ..])
        {
            return unmatched.StartsWith('-') ? $"Unknown option '{unmatched}'." : $"Unexpected argument '{unmatched}'.";
        }

        return parsed.Errors is [var first, ..] ? first.Message : null;
    }

    private static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : e;

    /// <summary>The import's command line: what, from which file, and what to do with bad rows.</summary>
    private sealed class ImportSyntax
    {
        private readonly Argument<string?> kind = new("kind")
        {
            Description = "What the file holds: customers, subscriptions, interactions or coverage.",
            Arity = ArgumentArity.ZeroOrOne,
        };

        private readonly Argument<string?> file = new("file")
        {
            Description = "The file: CSV with a header row (.csv), or one JSON object per line (.ndjson, .jsonl).",
            Arity = ArgumentArity.ZeroOrOne,
        };

        private readonly Option<bool> skipInvalid = new("--skip-invalid")
        {
            Description = "Import the valid rows and write the bad ones, each with its error, to the reject file.",
        };

        private readonly Option<string> rejectFile = new("--reject-file")
        {
            Description = "Where --skip-invalid writes the bad rows (default: <file>.rejects.<ext> beside the file).",
            HelpName = "path",
        };

        public ImportSyntax()
        {
            var import = new Command("import",
                "Imports customers, subscriptions, interactions or coverage into Touchpoint's database, in one transaction. " +
                "Settings are given as for the web start: --Section:Key=value.")
            {
                kind, file, skipInvalid, rejectFile,
            };
            import.Validators.Add(Validate);
            Root = new RootCommand("Touchpoint: customer care for telecom operators.") { import };
        }

        public RootCommand Root { get; }

        /// <summary>The request of a command line that parsed without errors.</summary>
        public ImportRequest Request(ParseResult parsed)
        {
            var path = Path.GetFullPath(parsed.GetValue(file)!);
            var rejectPath = parsed.GetValue(rejectFile) is { } reject ? Path.GetFullPath(reject) : null;
            return new ImportRequest(Kinds[parsed.GetValue(kind)!], path, parsed.GetValue(skipInvalid), rejectPath,
                new Actor(null, $"{Environment.UserName} (import)", null, "cli"));
        }

        private void Validate(CommandResult result)
        {
            if (result.GetValue(kind) is not { } what)
            {
                result.AddError("Say what to import: customers, subscriptions, interactions or coverage.");
                return;
            }

            if (!Kinds.ContainsKey(what))
            {
                result.AddError($"'{what}' is not something Touchpoint imports; use customers, subscriptions, interactions or coverage.");
                return;
            }

            if (result.GetValue(file) is not { } given)
            {
                result.AddError($"Give the file of {what} to import.");
                return;
            }

            var path = Path.GetFullPath(given);
            if (ImportFormats.FromPath(path) is null)
            {
                result.AddError($"{given} is neither CSV (.csv) nor NDJSON (.ndjson, .jsonl).");
            }
            else if (!File.Exists(path))
            {
                result.AddError($"The file {given} does not exist.");
            }
            else if (string.Equals(result.GetValue(rejectFile) is { } reject ? Path.GetFullPath(reject) : ImportRequest.DefaultRejectPath(path), path, StringComparison.Ordinal))
            {
                result.AddError("The reject file must not be the file being imported.");
            }
        }
    }
}
