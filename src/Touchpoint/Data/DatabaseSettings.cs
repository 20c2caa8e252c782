using Microsoft.Data.Sqlite;
using Touchpoint.Hosting;

namespace Touchpoint.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>The resolved database configuration: which provider, and how to reach it.</summary>
/// <param name="DataDirectory">The SQLite database's folder; on PostgreSQL, <c>Touchpoint:DataDirectory</c> (default ./data).
/// Files that belong beside the database, such as the audit journal, live here.</param>
public sealed record DatabaseSettings(DatabaseProvider Provider, string ConnectionString, string DataDirectory)
{
    public const string ProviderKey = "Touchpoint:Database:Provider";
    public const string ConnectionStringKey = "ConnectionStrings:Touchpoint";
    public const string DataDirectoryKey = "Touchpoint:DataDirectory";
    public const string SessionConnectionStringKey = "ConnectionStrings:TouchpointSession";

    /// <summary>
    /// PostgreSQL only: where the two things that need a session of their own connect (the start lock and the live
    /// feed's LISTEN), when <see cref="ConnectionString"/> goes through a pooler in transaction mode that gives none.
    /// </summary>
    public string? SessionConnectionString { get; init; }

    /// <summary>The connection string for work that holds a session: <see cref="SessionConnectionString"/>, else the one.</summary>
    public string ForSessions => SessionConnectionString ?? ConnectionString;

    /// <summary>Reads and checks the settings; a bad value is a <see cref="StartupException"/> naming the key.</summary>
    public static DatabaseSettings From(IConfiguration configuration)
    {
        var providerName = configuration[ProviderKey];
        var provider = (providerName ?? "sqlite").Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" => DatabaseProvider.Postgres,
            _ => throw new StartupException(
                $"{ProviderKey} is '{providerName}', but it must be 'sqlite' or 'postgres'."),
        };
        var connectionString = configuration.GetConnectionString("Touchpoint");

        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new StartupException(
                    $"{ProviderKey} is 'postgres', so {ConnectionStringKey} must be set (e.g. Host=localhost;Database=touchpoint;Username=touchpoint;Password=...).");
            }

            var session = configuration.GetConnectionString("TouchpointSession");
            if (!string.IsNullOrWhiteSpace(session))
            {
                try
                {
                    _ = new Npgsql.NpgsqlConnectionStringBuilder(session);
                }
                catch (ArgumentException e)
                {
                    throw new StartupException($"{SessionConnectionStringKey} is not a valid PostgreSQL connection string ({e.Message}).", e);
                }
            }

            return new DatabaseSettings(provider, WithAutoPrepare(connectionString), ConfiguredDataDirectory(configuration))
            {
                SessionConnectionString = string.IsNullOrWhiteSpace(session) ? null : session,
            };
        }

        if (!string.IsNullOrWhiteSpace(configuration.GetConnectionString("TouchpointSession")))
        {
            throw new StartupException($"{SessionConnectionStringKey} is for PostgreSQL only; remove it or set {ProviderKey} to 'postgres'.");
        }

        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
            var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource))!;
            return new DatabaseSettings(provider, connectionString, directory);
        }

        var dataDirectory = ConfiguredDataDirectory(configuration);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "touchpoint.db"),
            Pooling = true,
            DefaultTimeout = 30,
        };
        return new DatabaseSettings(provider, builder.ToString(), dataDirectory);
    }

    /// <summary>Where reads are journaled before they are moved into the audit log (<c>Features/Audit/AuditJournal</c>).</summary>
    public string AuditJournalDirectory => Path.Combine(DataDirectory, "audit-journal");

    /// <summary>A description safe to print: no password.</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Sqlite => $"SQLite at {new SqliteConnectionStringBuilder(ConnectionString).DataSource}",
        _ => $"PostgreSQL at {DescribePostgres(ConnectionString)}",
    };

    /// <summary>How many statements each PostgreSQL connection keeps prepared unless the connection string says.</summary>
    public const int PostgresMaxAutoPrepare = 64;

    /// <summary>
    /// Npgsql prepares no statements unless asked, so PostgreSQL parsed and planned every query of every request
    /// again; EF's queries are long, and at 20,000 customers that was most of the 360 view's time (467 requests/s
    /// without, 1,020–1,281 with). With automatic preparation Npgsql prepares a statement on the server once it
    /// has run a few times and keeps it on the pooled physical connection. A connection string that sets
    /// <c>Max Auto Prepare</c> itself (0 turns it off, e.g. behind PgBouncer in transaction mode) is left alone.
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        try
        {
            var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
            if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare"))
            {
                return connectionString;
            }

            return new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = PostgresMaxAutoPrepare }.ConnectionString;
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"{ConnectionStringKey} is not a PostgreSQL connection string Touchpoint can read: {e.Message}", e);
        }
    }

    private static string ConfiguredDataDirectory(IConfiguration configuration) =>
        Path.GetFullPath(configuration[DataDirectoryKey] is { Length: > 0 } configured ? configured : "data");

    internal static string DescribePostgres(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}/{builder.Database}";
    }
}
