using Microsoft.EntityFrameworkCore;

namespace Touchpoint.Tests.Hosting;

/// <summary>What every SQLite connection Touchpoint opens is set to (the settings last only as long as the connection).</summary>
[Trait("Provider", "Sqlite")]
public sealed class SqliteSettingsTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Theory]
    [InlineData("journal_mode", "wal")]
    [InlineData("synchronous", "1")]
    [InlineData("busy_timeout", "30000")]
    [InlineData("journal_size_limit", "67108864")]
    [InlineData("foreign_keys", "1")]
    public async Task Each_connection_gets_touchpoints_settings(string pragma, string expected)
    {
        var value = await app.WithDbContextAsync(async db =>
        {
            await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"PRAGMA {pragma}";
            return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
        });

        Assert.Equal(expected, value);
    }

    [Fact]
    public async Task A_pooled_connection_opened_again_still_has_them()
    {
        var cancel = TestContext.Current.CancellationToken;
        // Each context's native connection goes back to the pool and the next open takes one from there; the settings
        // are applied once per native connection, so they must still be there on every later open.
        for (var open = 0; open < 4; open++)
        {
            var settings = await app.WithDbContextAsync(async db =>
            {
                await db.Database.OpenConnectionAsync(cancel);
                var connection = (Microsoft.Data.Sqlite.SqliteConnection)db.Database.GetDbConnection();
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT (SELECT * FROM pragma_synchronous), (SELECT * FROM pragma_busy_timeout), (SELECT * FROM pragma_journal_size_limit)";
                await using var reader = await command.ExecuteReaderAsync(cancel);
                Assert.True(await reader.ReadAsync(cancel));
                return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
            });

            Assert.Equal((1L, 30000L, 67108864L), settings);
        }
    }
}
