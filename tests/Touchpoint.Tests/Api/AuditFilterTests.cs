using System.Globalization;

namespace Touchpoint.Tests.Api;

/// <summary>
/// The audit log found by what people know: a customer's number, a person, an action, a period; and shown with names
/// and links instead of GUIDs. A filter it cannot use is a 400 naming it.
/// </summary>
public abstract class AuditFilterTests(TouchpointApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task Entries_about_a_customer_are_found_by_their_number_and_name_the_customer_and_who_acted()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var name = $"Audited {Guid.NewGuid():N}"[..20];
        using var created = await agent.PostAsJsonAsync("/api/customers",
            new { name, jurisdiction = "SE", identities = new[] { new { kind = "msisdn", value = $"+4670{Random.Shared.Next(1_000_000, 9_999_999)}" } } }, Cancel);
        var customer = await HttpAssert.JsonAsync(created, HttpStatusCode.Created);
        var id = customer.GetProperty("id").GetString();
        var number = customer.GetProperty("customerNumber").GetString();

        var entries = await AuditAsync($"customer={number}&action=Created&userName=agent&entityType=Customer");

        var entry = Assert.Single(entries);
        Assert.Equal(id, entry.GetProperty("entityId").GetString());
        Assert.Equal($"{name} ({number})", entry.GetProperty("entityName").GetString());
        Assert.Equal($"/customers/{id}", entry.GetProperty("entityLink").GetString());
        Assert.False(string.IsNullOrWhiteSpace(entry.GetProperty("userDisplayName").GetString()));
        Assert.Equal(entries.Count, (await AuditAsync($"customer={id}&action=Created&entityType=Customer")).Count);
        // The customer's own rows are about them too: the identity given with them.
        Assert.Contains(await AuditAsync($"customer={number}&action=Created"), e => e.GetProperty("entityType").GetString() == "CustomerIdentity");

        // A period that ends before the customer was created has none of it.
        var before = App.UtcNow.AddDays(-2).ToString("O", CultureInfo.InvariantCulture);
        var earlier = App.UtcNow.AddDays(-3).ToString("O", CultureInfo.InvariantCulture);
        Assert.Empty(await AuditAsync($"customer={number}&from={Uri.EscapeDataString(earlier)}&to={Uri.EscapeDataString(before)}"));
    }

    [Fact]
    public async Task A_customers_filter_finds_what_was_done_to_and_read_about_their_cases_too_and_nobody_elses()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var (id, number) = await CreateCustomerAsync(agent);
        var (otherId, _) = await CreateCustomerAsync(agent);
        using var opened = await agent.PostAsJsonAsync("/api/cases", new { customerId = id, type = "complaint", channel = "phone", need = "Billed twice" }, Cancel);
        var caseId = (await HttpAssert.JsonAsync(opened, HttpStatusCode.Created)).GetProperty("id").GetString();
        using (var other = await agent.PostAsJsonAsync("/api/cases", new { customerId = otherId, type = "complaint", channel = "phone", need = "Someone else's" }, Cancel))
        {
            await HttpAssert.JsonAsync(other, HttpStatusCode.Created);
        }

        using (var read = await agent.GetAsync($"/api/cases/{caseId}", Cancel))
        {
            await HttpAssert.JsonAsync(read);
        }

        var cases = await AuditAsync($"customer={number}&entityType=Case");
        Assert.Contains(cases, e => e.GetProperty("action").GetString() == "Created" && e.GetProperty("entityId").GetString() == caseId);
        Assert.Contains(cases, e => e.GetProperty("action").GetString() == "Read" && e.GetProperty("entityId").GetString() == caseId);
        Assert.All(cases, e => Assert.Equal(caseId, e.GetProperty("entityId").GetString()));
        Assert.Contains(await AuditAsync($"customer={number}"), e => e.GetProperty("entityType").GetString() == "Customer");
    }

    private static async Task<(string Id, string Number)> CreateCustomerAsync(HttpClient client)
    {
        using var created = await client.PostAsJsonAsync("/api/customers",
            new { name = "Audited Casework", jurisdiction = "SE", identities = new[] { new { kind = "email", value = $"audit.{Guid.NewGuid():N}@example.com" } } }, Cancel);
        var customer = await HttpAssert.JsonAsync(created, HttpStatusCode.Created);
        return (customer.GetProperty("id").GetString()!, customer.GetProperty("customerNumber").GetString()!);
    }

    [Theory]
    [InlineData("customer=not-a-number", "customer")]
    [InlineData("customer=10000015", "customer")] // the check digit is wrong
    [InlineData("customer=99999995", "customer")] // valid, but nobody has it
    [InlineData("from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "to")]
    [InlineData("action=Exploded", "action")]
    public async Task A_filter_that_cannot_be_used_is_a_400_naming_it(string query, string field)
    {
        using var admin = await App.CreateAdminClientAsync();

        using var response = await admin.GetAsync($"/api/audit?{query}", Cancel);

        await HttpAssert.ValidationProblemAsync(response, field);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class AuditFilterTestsOnSqlite(SqliteApp app) : AuditFilterTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class AuditFilterTestsOnPostgres(PostgresApp app) : AuditFilterTests(app), IClassFixture<PostgresApp>;
