using Microsoft.Extensions.Configuration;
using Npgsql;
using Touchpoint.Data;

namespace Touchpoint.Tests.Hosting;

/// <summary>PostgreSQL connections prepare their repeated statements unless the operator's connection string says otherwise.</summary>
public sealed class DatabaseSettingsTests
{
    [Fact]
    public void A_postgres_connection_string_without_a_word_on_preparing_gets_automatic_preparation()
    {
        var settings = Postgres("Host=db.example;Database=touchpoint;Username=touchpoint;Password=secret");

        var builder = new NpgsqlConnectionStringBuilder(settings.ConnectionString);
        Assert.Equal(DatabaseSettings.PostgresMaxAutoPrepare, builder.MaxAutoPrepare);
        Assert.Equal(("db.example", "touchpoint", "touchpoint", "secret"), (builder.Host, builder.Database, builder.Username, builder.Password));
    }

    [Theory]
    [InlineData("Max Auto Prepare=0", 0)]
    [InlineData("MaxAutoPrepare=10", 10)]
    [InlineData("max auto prepare=200", 200)]
    public void A_connection_string_that_sets_it_is_left_alone(string setting, int expected)
    {
        var settings = Postgres($"Host=db.example;Database=touchpoint;{setting}");

        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(settings.ConnectionString).MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Host=db.example;Database")]
    [InlineData("Host=db.example;Colour=blue")]
    public void An_unreadable_postgres_connection_string_stops_the_start_naming_the_setting(string connectionString)
    {
        var failure = Assert.Throws<Touchpoint.Hosting.StartupException>(() => Postgres(connectionString));

        Assert.Contains(DatabaseSettings.ConnectionStringKey, failure.Message, StringComparison.Ordinal);
    }

    private static DatabaseSettings Postgres(string connectionString) =>
        DatabaseSettings.From(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [DatabaseSettings.ProviderKey] = "postgres",
            [DatabaseSettings.ConnectionStringKey] = connectionString,
        }).Build());
}
