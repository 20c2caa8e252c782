using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Scenarios;

/// <summary>
/// Every change audited with what changed, through the public API: field by field, old → new; personal data (names,
/// addresses) masked wherever the audit is listed, shown to an admin only on request with a reason, and that request is
/// itself in the audit.
/// </summary>
public abstract class AuditChangeScenarios(TouchpointApp app) : ApiTestBase(app)
{
    private const string Reason = "The customer asked what we hold about them (GDPR-15).";

    [Fact]
    public async Task A_new_name_and_address_show_masked_old_and_new_to_staff_and_unmasked_to_an_admin_on_request_which_is_audited()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "Karin Berg", new { street = "Storgatan 1", postalCode = "111 22", city = "Stockholm", country = "SE" });

        using var patched = await agent.PatchAsJsonAsync($"/api/customers/{customerId}", new
        {
            name = "Karin Lund",
            serviceAddress = new { street = "Vätövägen 7", postalCode = "760 18", city = "Vätö", country = "SE" },
        }, Cancel);
        await HttpAssert.JsonAsync(patched);

        // A team lead and an agent see who changed what, old → new, with the personal values masked.
        using var lead = await App.CreateClientAsAsync("lead");
        foreach (var staff in new[] { lead, agent })
        {
            using var response = await staff.GetAsync($"/api/customers/{customerId}/changes", Cancel);
            var history = (await HttpAssert.JsonAsync(response)).EnumerateArray().ToList();
            var update = history[0];
            Assert.Equal(("Updated", "Customer", "agent"),
                (update.GetProperty("action").GetString(), update.GetProperty("entityType").GetString(), update.GetProperty("userName").GetString()));
            var changes = Changes(update);
            Assert.Equal(("K••• B•••", "K••• L•••", "personal", true), changes["Name"]);
            Assert.Equal(("S••• 1•••", "V••• 7•••", "personal", true), changes["ServiceAddress.Street"]);
            Assert.Equal(("1••• 2•••", "7••• 1•••", "personal", true), changes["ServiceAddress.PostalCode"]);
            Assert.Equal(("S•••", "V•••", "personal", true), changes["ServiceAddress.City"]);
            Assert.False(changes.ContainsKey("ServiceAddress.Country"), "The country did not change.");
            Assert.False(changes.ContainsKey("UpdatedAt"), "The entry's own time says when.");
            var shown = history.SelectMany(e => e.GetProperty("changes").EnumerateArray())
                .SelectMany(c => new[] { c.GetProperty("old").GetString(), c.GetProperty("new").GetString() }).OfType<string>().ToList();
            foreach (var personal in new[] { "Berg", "Lund", "Storgatan", "Vätövägen", "Stockholm", "111 22", "760 18" })
            {
                Assert.DoesNotContain(shown, value => value.Contains(personal, StringComparison.OrdinalIgnoreCase));
            }

            Assert.Equal("Created", history[^1].GetProperty("action").GetString());
        }

        // The admin's list is masked too.
        var entry = Assert.Single(await AuditAsync($"entityType=Customer&entityId={customerId}&action=Updated"));
        Assert.Equal(("K••• B•••", "K••• L•••", "personal", true), Changes(entry)["Name"]);
        var entryId = entry.GetProperty("id").GetInt64();

        // Only an admin sees the values, and only with a reason.
        foreach (var staff in new[] { lead, agent })
        {
            using var forbidden = await staff.PostAsJsonAsync($"/api/audit/{entryId}/reveal", new { reason = Reason }, Cancel);
            await HttpAssert.ProblemAsync(forbidden, HttpStatusCode.Forbidden);
        }

        using var admin = await App.CreateAdminClientAsync();
        using var noReason = await admin.PostAsJsonAsync($"/api/audit/{entryId}/reveal", new { reason = " " }, Cancel);
        await HttpAssert.ValidationProblemAsync(noReason, "reason");
        Assert.DoesNotContain(await AuditAsync($"entityType=Customer&entityId={customerId}&action=Read"), IsDisclosure(entryId));

        using var revealed = await admin.PostAsJsonAsync($"/api/audit/{entryId}/reveal", new { reason = Reason }, Cancel);
        var unmasked = Changes(await HttpAssert.JsonAsync(revealed));
        Assert.Equal(("Karin Berg", "Karin Lund", "personal", false), unmasked["Name"]);
        Assert.Equal(("Storgatan 1", "Vätövägen 7", "personal", false), unmasked["ServiceAddress.Street"]);
        Assert.Equal(("111 22", "760 18", "personal", false), unmasked["ServiceAddress.PostalCode"]);
        Assert.Equal(("Stockholm", "Vätö", "personal", false), unmasked["ServiceAddress.City"]);

        // The request is in the audit: a read of this customer's personal data, by the admin, with the reason.
        var disclosure = Assert.Single(await AuditAsync($"entityType=Customer&entityId={customerId}&action=Read"), IsDisclosure(entryId));
        Assert.Equal("admin", disclosure.GetProperty("userName").GetString());
        Assert.EndsWith($"; reason: {Reason}", disclosure.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Contains("Name, NameKey, ServiceAddress.", disclosure.GetProperty("details").GetString(), StringComparison.Ordinal);

        // The audit itself stays the admins'.
        using var leadLog = await lead.GetAsync($"/api/audit?entityId={customerId}", Cancel);
        await HttpAssert.ProblemAsync(leadLog, HttpStatusCode.Forbidden);

        var timeline = await TimelineAsync(agent, customerId, "customerChange");
        Assert.Equal("Changed: name, service address. The old and new values are in the customer's change history.",
            Assert.Single(timeline).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Preferences_and_kind_are_no_personal_data_and_show_as_they_are()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "Per Preferens", address: null);

        using var patched = await agent.PatchAsJsonAsync($"/api/customers/{customerId}",
            new { kind = "business", preferences = new { telemarketingOptOut = true, preferredLanguage = "en" } }, Cancel);
        await HttpAssert.JsonAsync(patched);

        using var response = await agent.GetAsync($"/api/customers/{customerId}/changes", Cancel);
        var changes = Changes((await HttpAssert.JsonAsync(response))[0]);
        Assert.Equal(("Person", "Business", "ordinary", false), changes["Kind"]);
        Assert.Equal(("false", "true", "ordinary", false), changes["TelemarketingOptOut"]);
        Assert.Equal(("sv", "en", "ordinary", false), changes["PreferredLanguage"]);
        Assert.Equal("2", response.Headers.GetValues("X-Total-Count").Single());
    }

    [Fact]
    public async Task Sending_the_stored_address_again_changes_nothing_and_audits_nothing()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var address = new { street = "Storgatan 2", postalCode = "111 22", city = "Stockholm", country = "SE" };
        var customerId = await CreateCustomerAsync(agent, "Sam Same", address);

        using var patched = await agent.PatchAsJsonAsync($"/api/customers/{customerId}", new { serviceAddress = address }, Cancel);
        await HttpAssert.JsonAsync(patched);

        var entries = await AuditAsync($"entityId={customerId}");
        Assert.DoesNotContain(entries, e => e.GetProperty("action").GetString() is "Updated" or "Deleted");
        Assert.DoesNotContain(entries, e => e.GetProperty("entityType").GetString() == "Address");
        Assert.Empty(await TimelineAsync(agent, customerId, "customerChange"));
    }

    [Fact]
    public async Task Revealing_an_unknown_entry_is_404_and_one_without_personal_values_is_409()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CreateCustomerAsync(agent, "Ola Ordinary", address: null);
        using var patched = await agent.PatchAsJsonAsync($"/api/customers/{customerId}", new { kind = "business" }, Cancel);
        await HttpAssert.JsonAsync(patched);
        var kindChange = Assert.Single(await AuditAsync($"entityType=Customer&entityId={customerId}&action=Updated")).GetProperty("id").GetInt64();
        using var admin = await App.CreateAdminClientAsync();

        using var unknown = await admin.PostAsJsonAsync($"/api/audit/{long.MaxValue}/reveal", new { reason = Reason }, Cancel);
        await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
        using var nothingPersonal = await admin.PostAsJsonAsync($"/api/audit/{kindChange}/reveal", new { reason = Reason }, Cancel);
        var problem = await HttpAssert.ProblemAsync(nothingPersonal, HttpStatusCode.Conflict);
        Assert.Contains("keeps no personal values", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static Predicate<JsonElement> IsDisclosure(long entryId) =>
        e => e.GetProperty("details").GetString()?.StartsWith($"personal values of audit entry {entryId} ", StringComparison.Ordinal) == true;

    private static Dictionary<string, (string? Old, string? New, string? Sensitivity, bool Masked)> Changes(JsonElement entry) =>
        entry.GetProperty("changes").EnumerateArray().ToDictionary(
            c => c.GetProperty("field").GetString()!,
            c => (c.GetProperty("old").GetString(), c.GetProperty("new").GetString(), c.GetProperty("sensitivity").GetString(), c.GetProperty("masked").GetBoolean()));

    private static async Task<string> CreateCustomerAsync(HttpClient client, string name, object? address)
    {
        using var response = await client.PostAsJsonAsync("/api/customers", new
        {
            name,
            jurisdiction = "SE",
            serviceAddress = address,
            identities = new[] { new { kind = "email", value = $"audit.{Guid.NewGuid():N}@example.com" } },
        }, Cancel);
        return (await HttpAssert.JsonAsync(response, HttpStatusCode.Created)).GetProperty("id").GetString()!;
    }

    private static async Task<List<JsonElement>> TimelineAsync(HttpClient client, string customerId, string kind)
    {
        using var response = await client.GetAsync($"/api/customers/{customerId}/timeline?kind={kind}&limit=50", Cancel);
        return (await HttpAssert.JsonAsync(response)).GetProperty("items").EnumerateArray().ToList();
    }
}

[Trait("Provider", "Sqlite")]
public sealed class AuditChangeScenariosOnSqlite(SqliteApp app) : AuditChangeScenarios(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class AuditChangeScenariosOnPostgres(PostgresApp app) : AuditChangeScenarios(app), IClassFixture<PostgresApp>;
