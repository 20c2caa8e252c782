using Microsoft.EntityFrameworkCore;

namespace Touchpoint.Tests.Hosting;

/// <summary>What every SQLite connection Touchpoint opens is set to (the settings last only as long as the connection).</summary>
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
}
