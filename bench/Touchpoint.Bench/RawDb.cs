using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;
using Touchpoint.Data;

namespace Touchpoint.Bench;

internal enum RawType
{
    Text,
    Id,
    Timestamp,
    Integer,
    Long,
    Bytes,
}

/// <summary>
/// Plain ADO.NET on either provider. Values are bound exactly as EF Core stores them, so the baseline
/// reads and writes the same bytes: on SQLite ids are upper-case TEXT and timestamps TEXT, on PostgreSQL uuid and timestamptz.
/// </summary>
internal sealed class RawDb(DatabaseProvider provider, string connectionString)
{
    public DatabaseProvider Provider { get; } = provider;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Provider == DatabaseProvider.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public bool IsSqlite => Provider == DatabaseProvider.Sqlite;

    public object Id(Guid id) => IsSqlite ? id.ToString("D").ToUpperInvariant() : id;

    public object Timestamp(DateTime at) => IsSqlite ? at.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture) : DateTime.SpecifyKind(at, DateTimeKind.Utc);

    /// <summary>A string literal for SQL text the benchmark writes itself.</summary>
    public static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    public DbParameter Add(DbCommand command, string name, RawType type)
    {
        DbParameter parameter = Provider == DatabaseProvider.Sqlite
            ? new SqliteParameter(name, type switch
            {
                RawType.Integer or RawType.Long => SqliteType.Integer,
                RawType.Bytes => SqliteType.Blob,
                _ => SqliteType.Text,
            })
            : new NpgsqlParameter(name, type switch
            {
                RawType.Id => NpgsqlDbType.Uuid,
                RawType.Timestamp => NpgsqlDbType.TimestampTz,
                RawType.Integer => NpgsqlDbType.Integer,
                RawType.Long => NpgsqlDbType.Bigint,
                RawType.Bytes => NpgsqlDbType.Bytea,
                _ => NpgsqlDbType.Text,
            });
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>Reads every column of every row of every result, as a materializer would; returns the row count.</summary>
    public static async Task<int> DrainAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = 0;
        do
        {
            var values = new object[reader.FieldCount];
            while (await reader.ReadAsync(cancellationToken))
            {
                reader.GetValues(values);
                rows++;
            }
        }
        while (await reader.NextResultAsync(cancellationToken));

        return rows;
    }
}
