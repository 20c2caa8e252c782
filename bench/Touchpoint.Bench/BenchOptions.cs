using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Touchpoint.Data;

namespace Touchpoint.Bench;

/// <summary>Options the benchmarks share, checked when the command line is parsed: a bad value stops the run before it starts.</summary>
internal static class BenchOptions
{
    /// <summary>A whole number of at least <paramref name="minimum"/>, written plainly or with thousands separators (1,000,000).</summary>
    public static Option<int> Count(string name, int fallback, string description, int minimum = 1, int maximum = int.MaxValue) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => fallback,
            CustomParser = result => (int)Parse(result, name, fallback, minimum, maximum),
        };

    /// <inheritdoc cref="Count"/>
    public static Option<long> LongCount(string name, long fallback, string description, long minimum = 1) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => fallback,
            CustomParser = result => Parse(result, name, fallback, minimum, long.MaxValue),
        };

    public static Option<TimeSpan> Seconds(string name, int fallback, string description, int minimum = 1) =>
        new(name)
        {
            Description = description,
            DefaultValueFactory = _ => TimeSpan.FromSeconds(fallback),
            CustomParser = result => TimeSpan.FromSeconds(Parse(result, name, fallback, minimum, int.MaxValue)),
        };

    public static Option<DatabaseProvider> Database() =>
        new("--database")
        {
            Description = "sqlite (default) or postgres",
            DefaultValueFactory = _ => DatabaseProvider.Sqlite,
            CustomParser = result =>
            {
                switch (result.Tokens[0].Value.ToUpperInvariant())
                {
                    case "SQLITE":
                        return DatabaseProvider.Sqlite;
                    case "POSTGRES" or "POSTGRESQL":
                        return DatabaseProvider.Postgres;
                    default:
                        result.AddError($"--database is sqlite (default) or postgres, not '{result.Tokens[0].Value}'.");
                        return default;
                }
            },
        };

    public static Option<string> Connection() =>
        new("--connection") { Description = "Npgsql connection string of an empty database, for --database postgres", HelpName = "connection string" };

    public static Option<string> Folder() =>
        new("--folder") { Description = "work folder to keep the data in (default: a temporary folder, deleted afterwards)", HelpName = "dir" };

    /// <summary>PostgreSQL has no file to create: it needs the connection to an empty database.</summary>
    public static void RequireConnectionForPostgres(Command command, Option<DatabaseProvider> database, Option<string> connection) =>
        command.Validators.Add(result =>
        {
            if (result.GetValue(database) == DatabaseProvider.Postgres && result.GetValue(connection) is null)
            {
                result.AddError("--database postgres needs --connection \"Host=…;Database=…;Username=…;Password=…\" of an empty database.");
            }
        });

    private static long Parse(ArgumentResult result, string name, long fallback, long minimum, long maximum)
    {
        if (result.Tokens is not [var token])
        {
            return fallback;
        }

        if (long.TryParse(token.Value, NumberStyles.Integer | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var value)
            && value >= minimum && value <= maximum)
        {
            return value;
        }

        result.AddError(maximum == long.MaxValue || maximum == int.MaxValue
            ? string.Create(CultureInfo.InvariantCulture, $"{name} is a whole number of at least {minimum:N0}, not '{token.Value}'.")
            : string.Create(CultureInfo.InvariantCulture, $"{name} is a whole number from {minimum:N0} to {maximum:N0}, not '{token.Value}'."));
        return fallback;
    }
}
