using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Touchpoint.Data.Bulk;

namespace Touchpoint.Tests.Import;

/// <summary>
/// The bulk writer's SQLite statement stores each value exactly as Microsoft.Data.Sqlite stores it with the
/// parameter EF's type mapping makes, so rows it writes read, compare and sort as rows EF wrote.
/// </summary>
[Trait("Provider", "Sqlite")]
public sealed class SqliteInsertStatementTests(SqliteApp app) : IClassFixture<SqliteApp>, IDisposable
{
    private readonly SqliteConnection connection = OpenScratch();

    public static TheoryData<string> SupportedTypes => [.. SqliteInsertStatement.SupportedTypes.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(SupportedTypes))]
    public async Task Every_value_of_a_supported_type_is_stored_as_Microsoft_Data_Sqlite_stores_it(string typeName)
    {
        var type = SqliteInsertStatement.SupportedTypes.Single(t => t.Name == typeName);
        var mapping = await app.WithDbContextAsync(db => Task.FromResult(
            db.GetService<IRelationalTypeMappingSource>().FindMapping(type)
            ?? throw new InvalidOperationException($"EF has no SQLite mapping for {type.Name}.")));
        var samples = Samples[type];

        using (var insert = new SqliteInsertStatement(connection, "INSERT INTO native (v) VALUES (?1)", [type]))
        {
            foreach (var sample in samples)
            {
                insert.Execute([sample]);
            }
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO ado (v) VALUES (@v)";
            command.Parameters.Add(mapping.CreateParameter(command, "@v", null));
            foreach (var sample in samples)
            {
                command.Parameters[0].Value = sample ?? DBNull.Value;
                command.ExecuteNonQuery();
            }
        }

        var native = Stored("native");
        var ado = Stored("ado");
        Assert.Equal(samples.Length, native.Count);
        for (var i = 0; i < samples.Length; i++)
        {
            Assert.True(ado[i] == native[i], $"{type.Name} {samples[i] ?? "null"}: Microsoft.Data.Sqlite stored {ado[i]}, the bulk statement {native[i]}.");
        }
    }

    [Fact]
    public void Timestamps_and_dates_are_written_as_the_formats_Microsoft_Data_Sqlite_uses_for_any_tick()
    {
        var random = new Random(20261123);
        Span<byte> buffer = stackalloc byte[32];
        for (var i = 0; i < 20_000; i++)
        {
            var ticks = random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks);
            // Every other value gets a fraction with trailing zeros, which the format drops.
            var value = new DateTime(i % 2 == 0 ? ticks : ticks - (ticks % (long)Math.Pow(10, random.Next(1, 8))));

            var length = SqliteInsertStatement.WriteTimestamp(value, buffer);
            Assert.Equal(value.ToString(@"yyyy\-MM\-dd HH\:mm\:ss.FFFFFFF", CultureInfo.InvariantCulture), Encoding.UTF8.GetString(buffer[..length]));

            var date = DateOnly.FromDateTime(value);
            length = SqliteInsertStatement.WriteDate(date.Year, date.Month, date.Day, buffer);
            Assert.Equal(date.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture), Encoding.UTF8.GetString(buffer[..length]));
        }
    }

    [Fact]
    public void A_type_it_cannot_bind_is_refused_before_any_row()
    {
        var error = Assert.Throws<NotSupportedException>(() =>
            new SqliteInsertStatement(connection, "INSERT INTO native (v) VALUES (?1)", [typeof(TimeSpan)]));

        Assert.Contains("TimeSpan", error.Message, StringComparison.Ordinal);
        Assert.Empty(Stored("native"));
    }

    [Fact]
    public void A_failed_row_throws_as_Microsoft_Data_Sqlite_does_and_the_next_row_is_written()
    {
        using (var unique = connection.CreateCommand())
        {
            unique.CommandText = "CREATE UNIQUE INDEX native_unique ON native (v)";
            unique.ExecuteNonQuery();
        }

        using var insert = new SqliteInsertStatement(connection, "INSERT INTO native (v) VALUES (?1)", [typeof(string)]);
        insert.Execute(["first"]);

        var error = Assert.Throws<SqliteException>(() => insert.Execute(["first"]));
        insert.Execute(["second"]);

        Assert.Equal(19, error.SqliteErrorCode);
        Assert.Contains("UNIQUE constraint failed: native.v", error.Message, StringComparison.Ordinal);
        Assert.Equal(["'first'/text/6669727374", "'second'/text/7365636F6E64"], Stored("native"));
    }

    [Fact]
    public void Rows_are_part_of_the_connection_s_transaction()
    {
        using var insert = new SqliteInsertStatement(connection, "INSERT INTO native (v) VALUES (?1)", [typeof(long)]);
        using (var transaction = connection.BeginTransaction())
        {
            insert.Execute([1L]);
            transaction.Rollback();
        }

        using (var transaction = connection.BeginTransaction())
        {
            insert.Execute([2L]);
            transaction.Commit();
        }

        Assert.Equal(["2/integer/32"], Stored("native"));
    }

    [Fact]
    public void A_wrong_number_of_values_or_parameters_is_refused()
    {
        Assert.Throws<ArgumentException>(() =>
            new SqliteInsertStatement(connection, "INSERT INTO native (v) VALUES (?1)", [typeof(string), typeof(string)]));
        using var insert = new SqliteInsertStatement(connection, "INSERT INTO native (v) VALUES (?1)", [typeof(string)]);

        Assert.Throws<ArgumentException>(() => insert.Execute(["a", "b"]));
        Assert.Empty(Stored("native"));
    }

    public void Dispose() => connection.Dispose();

    // Edge values of each type: no fraction and a full one, extremes, text that is long (past the statement's first
    // buffer), non-Latin, or holds a NUL; null for every type.
    private static readonly Dictionary<Type, object?[]> Samples = new()
    {
        [typeof(string)] = ["", "Åsa Öberg", "Даниил 😀", "a\0b", "quote ' \"", new string('é', 20_000), null],
        [typeof(Guid)] = [Guid.Empty, new Guid("01a20959-35d6-713d-a300-41588b4ad5fc"), Guid.Parse("FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF"), null],
        [typeof(DateTime)] =
        [
            new DateTime(2026, 11, 23, 16, 59, 31, DateTimeKind.Utc),
            new DateTime(2026, 11, 23, 16, 59, 31, DateTimeKind.Utc).AddTicks(9411),
            new DateTime(2026, 11, 23, 16, 59, 31, DateTimeKind.Utc).AddTicks(1_000_000),
            new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Unspecified).AddTicks(1234567),
            new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(10),
            new DateTime(1999, 12, 31, 23, 59, 59, DateTimeKind.Utc).AddTicks(9_999_999),
            DateTime.MinValue, DateTime.MaxValue, null,
        ],
        [typeof(DateOnly)] = [DateOnly.MinValue, new DateOnly(2024, 2, 29), DateOnly.MaxValue, null],
        [typeof(decimal)] =
        [
            0m, 1.5m, 199.00m, -3m, 99.9m, decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m,
            12.345678901234567890123456789m, null,
        ],
        [typeof(bool)] = [true, false, null],
        [typeof(byte)] = [(byte)0, byte.MaxValue, null],
        [typeof(short)] = [short.MinValue, (short)0, short.MaxValue, null],
        [typeof(int)] = [int.MinValue, -1, 0, 61, int.MaxValue, null],
        [typeof(long)] = [long.MinValue, 0L, long.MaxValue, null],
        [typeof(double)] = [0d, 0.1, -1e300, double.Epsilon, double.MaxValue, double.PositiveInfinity, null],
    };

    private static SqliteConnection OpenScratch()
    {
        var scratch = new SqliteConnection("Data Source=:memory:");
        scratch.Open();
        using var command = scratch.CreateCommand();
        // No declared type, so no affinity: each value stays exactly as it was bound.
        command.CommandText = "CREATE TABLE native (v); CREATE TABLE ado (v);";
        command.ExecuteNonQuery();
        return scratch;
    }

    private List<string> Stored(string table)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT quote(v) || '/' || typeof(v) || '/' || hex(v) FROM {table} ORDER BY rowid";
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
