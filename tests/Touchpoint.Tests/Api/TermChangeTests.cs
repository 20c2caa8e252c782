namespace Touchpoint.Tests.Api;

/// <summary>Announcing a change of terms: the day it applies cannot have passed, whoever the plan's subscribers are.</summary>
public abstract class TermChangeTests(TouchpointApp app) : ApiTestBase(app)
{
    private static readonly int[] NoBinding = [0];

    [Fact]
    public async Task A_change_dated_in_the_past_is_refused_even_on_a_plan_nobody_has_yet()
    {
        using var admin = await App.CreateAdminClientAsync();
        var code = $"TC-{Guid.NewGuid():N}"[..20];
        using (var created = await admin.PostAsJsonAsync("/api/plans",
                   new { code, name = $"Plan {code}", monthlyPrice = 199m, currency = "SEK", bindingOptions = NoBinding, technology = "5G" }, Cancel))
        {
            await HttpAssert.JsonAsync(created, HttpStatusCode.Created);
        }

        var yesterday = DateOnly.FromDateTime(App.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var announced = await admin.PostAsJsonAsync($"/api/plans/{code}/term-changes",
            new { kind = "worse", description = "The monthly price rises.", effectiveOn = yesterday, newMonthlyPrice = 249m }, Cancel);

        var problem = await HttpAssert.ValidationProblemAsync(announced, "effectiveOn");
        Assert.Contains("in the past", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_price_larger_than_its_column_is_a_400_naming_it_on_both_databases()
    {
        // Found by the fuzzer: PostgreSQL refused 2147483648 in numeric(10,2) with a 500; SQLite stored it.
        using var admin = await App.CreateAdminClientAsync();
        var code = $"TC-{Guid.NewGuid():N}"[..20];
        using (var tooDear = await admin.PostAsJsonAsync("/api/plans",
                   new { code, name = $"Plan {code}", monthlyPrice = 100_000_000m, currency = "SEK", bindingOptions = NoBinding, technology = "5G" }, Cancel))
        {
            await HttpAssert.ValidationProblemAsync(tooDear, "monthlyPrice");
        }

        using (var created = await admin.PostAsJsonAsync("/api/plans",
                   new { code, name = $"Plan {code}", monthlyPrice = 99_999_999.99m, currency = "SEK", bindingOptions = NoBinding, technology = "5G" }, Cancel))
        {
            await HttpAssert.JsonAsync(created, HttpStatusCode.Created);
        }

        var later = DateOnly.FromDateTime(App.UtcNow).AddDays(90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using var announced = await admin.PostAsJsonAsync($"/api/plans/{code}/term-changes",
            new { kind = "worse", description = "The monthly price rises.", effectiveOn = later, newMonthlyPrice = 2_147_483_648m }, Cancel);

        await HttpAssert.ValidationProblemAsync(announced, "newMonthlyPrice");
    }
}

[Trait("Provider", "Sqlite")]
public sealed class TermChangeTestsOnSqlite(SqliteApp app) : TermChangeTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class TermChangeTestsOnPostgres(PostgresApp app) : TermChangeTests(app), IClassFixture<PostgresApp>;
