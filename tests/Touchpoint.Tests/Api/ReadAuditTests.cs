using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Features.Audit;
using Touchpoint.Tests.Scenarios;

namespace Touchpoint.Tests.Api;

/// <summary>
/// Issue 26: no read of personal data leaves the API without its audit entry. Every read operation in the OpenAPI
/// document is called for a customer of the test's own; an answer that carries the customer's name, e-mail or phone
/// number must have left exactly one audit entry naming them. The operations are read from the document, so a new
/// endpoint is covered without being listed here.
/// </summary>
public abstract class ReadAuditTests(TouchpointApp app) : ApiTestBase(app)
{
    // Query parameters that narrow a list to one customer, and the ones that search by name.
    private static readonly string[] CustomerFilters = ["customerId", "relatedParty.id", "receiver.id", "customer"];
    private static readonly string[] NameSearches = ["search", "q", "name"];

    [Fact]
    public async Task Every_operation_that_answers_with_a_customers_personal_data_leaves_one_audit_entry_naming_them()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        using var admin = await App.CreateAdminClientAsync();
        var person = await PersonWithRecordsAsync(agent);
        var ids = await IdsOfEveryRowOfAsync(person.Id);
        using var document = await admin.GetAsync("/openapi/v1.json", Cancel);
        var openApi = await HttpAssert.JsonAsync(document);

        var carrying = new List<string>();
        var leftOutOnPurpose = new List<string>();
        var failures = new List<string>();
        foreach (var path in openApi.GetProperty("paths").EnumerateObject())
        {
            if (!path.Value.TryGetProperty("get", out var operation))
            {
                continue;
            }

            if (operation.TryGetProperty("x-read-audit", out var leftOut))
            {
                leftOutOnPurpose.Add($"{path.Name} ({leftOut.GetString()})");
                continue;
            }

            var address = await FirstAnsweringAddressAsync(agent, admin, path.Name, operation, person, ids);
            if (address is null)
            {
                continue;
            }

            var (client, url) = address.Value;
            var before = await ReadsOfAsync(person.Id);
            using var response = await client.GetAsync(url, Cancel);
            var body = await response.Content.ReadAsStringAsync(Cancel);
            var after = await ReadsOfAsync(person.Id);
            if (!person.IsIn(body))
            {
                continue;
            }

            carrying.Add(path.Name);
            if (after != before + 1)
            {
                failures.Add($"GET {url}: {after - before} audit entries naming the customer, not one");
            }
        }

        // The walk proves nothing if it reached no data: these carry the customer, whatever else does.
        Assert.Contains("/api/customers/{id}", carrying);
        Assert.Contains("/api/customers", carrying);
        Assert.Contains("/tmf-api/customerManagement/v4/customer", carrying);
        Assert.Contains("/tmf-api/party/v4/individual/{id}", carrying);
        Assert.Equal(["/api/audit (left out: the audit log itself)"], leftOutOnPurpose);
        Assert.True(carrying.Count >= 15, $"Only {carrying.Count} operations answered with the customer's data: {string.Join(", ", carrying)}");
        Assert.True(failures.Count == 0, $"{failures.Count} of {carrying.Count} reads of personal data were not audited once:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public async Task A_list_of_many_customers_is_one_entry_naming_each_of_them()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var family = $"Listmark{Letters(6)}";
        var first = await agent.CreateCustomerAsync($"Anna {family}", "SE");
        var second = await agent.CreateCustomerAsync($"Bo {family}", "SE");
        var readsBefore = (await EntriesAsync()).Select(e => e.Id).ToHashSet();

        using var response = await agent.GetAsync($"/api/customers?q={family}", Cancel);

        await HttpAssert.JsonAsync(response);
        var entry = Assert.Single(await EntriesAsync(), e => !readsBefore.Contains(e.Id) && e.Subjects is not null && e.Subjects.Contains(first, StringComparison.OrdinalIgnoreCase));
        Assert.Equal(AuditAction.Read, entry.Action);
        Assert.Equal("GET /api/customers/", entry.Details);
        Assert.Equal("agent", entry.UserName);
        Assert.Equal([Guid.Parse(first), Guid.Parse(second)], entry.Subjects!.Split(',').Select(Guid.Parse).Order());
        // Found by either customer through the audit log's customer filter.
        using var admin = await App.CreateAdminClientAsync();
        using var log = await admin.GetAsync($"/api/audit?customer={second}&action=Read", Cancel);
        Assert.Contains((await HttpAssert.JsonAsync(log)).EnumerateArray(), e => e.GetProperty("id").GetInt64() == entry.Id);
    }

    private async Task<List<AuditEntry>> EntriesAsync()
    {
        await App.Services.GetRequiredService<AuditJournal>().MoveAsync(Cancel);
        return await App.WithDbContextAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.Read).ToListAsync(Cancel));
    }

    private async Task<int> ReadsOfAsync(string customerId)
    {
        await App.Services.GetRequiredService<AuditJournal>().MoveAsync(Cancel);
        var id = Guid.Parse(customerId);
        var key = id.ToString();
        return await App.WithDbContextAsync(db => db.AuditEntries.CountAsync(
            e => e.Action == AuditAction.Read && (e.CustomerId == id || (e.EntityType == AuditEntry.CustomerEntity && e.EntityId == key) || (e.Subjects != null && e.Subjects.Contains(key))),
            Cancel));
    }

    /// <summary>
    /// The first form of the operation's address that answers 2xx: each path parameter tried with the id of every row
    /// of the customer's; lists narrowed to the customer, or searched by their name, as the operation allows.
    /// </summary>
    private static async Task<(HttpClient Client, string Url)?> FirstAnsweringAddressAsync(
        HttpClient agent, HttpClient admin, string template, JsonElement operation, Person person, IReadOnlyList<string> ids)
    {
        var parameters = operation.TryGetProperty("parameters", out var declared) ? declared.EnumerateArray().ToList() : [];
        var pathParameters = parameters.Where(p => p.GetProperty("in").GetString() == "path").Select(p => p.GetProperty("name").GetString()!).ToList();
        var query = parameters.Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).ToHashSet();
        var queryString = string.Join('&',
            CustomerFilters.Where(query.Contains).Select(name => $"{name}={person.Id}")
                .Concat(NameSearches.Where(query.Contains).Take(CustomerFilters.Any(query.Contains) ? 0 : 1).Select(name => $"{name}={Uri.EscapeDataString(person.Name)}")));
        IEnumerable<string> paths = pathParameters.Count switch
        {
            0 => [template],
            1 => ids.Select(id => template.Replace($"{{{pathParameters[0]}}}", id, StringComparison.Ordinal)),
            // Two ids (a case's attachment, a template filled for a case) are left to their own tests.
            _ => [],
        };
        foreach (var path in paths)
        {
            var url = queryString.Length == 0 ? path : $"{path}?{queryString}";
            foreach (var client in new[] { agent, admin })
            {
                using var response = await client.GetAsync(url, Cancel);
                if (response.IsSuccessStatusCode)
                {
                    return (client, url);
                }
            }
        }

        return null;
    }

    /// <summary>A customer with a subscription, a case, a promise, a contact and a compensation, all made through the API.</summary>
    private async Task<Person> PersonWithRecordsAsync(HttpClient agent)
    {
        var family = $"Readmark{Letters(6)}";
        var name = $"Quirin {family}";
        var email = $"{family.ToLowerInvariant()}@example.org";
        var msisdn = $"+4670{Random.Shared.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture)}";
        using var created = await agent.PostAsJsonAsync("/api/customers", new
        {
            name,
            jurisdiction = "SE",
            identities = new[] { new { kind = "email", value = email }, new { kind = "msisdn", value = msisdn } },
        }, Cancel);
        var id = (await HttpAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        await agent.SubscribeAsync(id, "SE-MOBIL-430", msisdn);
        using var @case = await agent.PostAsJsonAsync("/api/cases", new { customerId = id, type = "complaint", channel = "phone", need = "The bill is wrong." }, Cancel);
        var caseId = (await HttpAssert.JsonAsync(@case, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        using var promise = await agent.PostAsJsonAsync("/api/promises", new
        {
            customerId = id, kind = "callback", dueAt = App.UtcNow.AddHours(2), madeVia = "phone", description = "Call back about the bill.",
        }, Cancel);
        await HttpAssert.JsonAsync(promise, HttpStatusCode.Created);
        using var contact = await agent.PostAsJsonAsync("/api/interactions", new { customerId = id, channel = "phone", direction = "inbound", reason = "billing", summary = "Asked about the bill." }, Cancel);
        await HttpAssert.JsonAsync(contact, HttpStatusCode.Created);
        using var compensation = await agent.PostAsJsonAsync("/api/compensations", new
        {
            customerId = id, caseId, amount = 50m, currency = "SEK", reason = "The bill was wrong.",
        }, Cancel);
        await HttpAssert.JsonAsync(compensation, HttpStatusCode.Created);
        return new Person(id, name, family, email, msisdn);
    }

    /// <summary>The ids of the customer and of every row of theirs (any table with a CustomerId), as text.</summary>
    private Task<List<string>> IdsOfEveryRowOfAsync(string customerId) =>
        App.WithDbContextAsync(async db =>
        {
            var customer = Guid.Parse(customerId);
            var ids = new List<string> { customerId };
            foreach (var entityType in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.FindProperty("CustomerId") is not null && t.FindPrimaryKey()?.Properties.Count == 1))
            {
                var read = typeof(ReadAuditTests).GetMethod(nameof(KeysOfAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
                    .MakeGenericMethod(entityType.ClrType);
                var keyName = entityType.FindPrimaryKey()!.Properties[0].Name;
                ids.AddRange(await (Task<List<string>>)read.Invoke(null, [db, customer, keyName])!);
            }

            return ids.Distinct().ToList();
        });

    private static async Task<List<string>> KeysOfAsync<T>(Touchpoint.Data.TouchpointDbContext db, Guid customer, string keyName) where T : class
    {
        var key = db.Model.FindEntityType(typeof(T))!.FindProperty(keyName)!.PropertyInfo!;
        var rows = await db.Set<T>().AsNoTracking().Where(row => EF.Property<Guid>(row, "CustomerId") == customer).ToListAsync(Cancel);
        return [.. rows.Select(row => Convert.ToString(key.GetValue(row), CultureInfo.InvariantCulture)!)];
    }

    private static string Letters(int count) => string.Concat(Enumerable.Range(0, count).Select(_ => (char)('a' + Random.Shared.Next(26))));

    private sealed record Person(string Id, string Name, string Family, string Email, string Msisdn)
    {
        /// <summary>
        /// Whether an answer is about the person: it carries their name (or family name alone, as TMF632 splits it),
        /// e-mail or id (a case, a promise or a contact of theirs names them by id).
        /// </summary>
        public bool IsIn(string body) =>
            body.Contains(Family, StringComparison.Ordinal) || body.Contains(Email, StringComparison.OrdinalIgnoreCase) || body.Contains(Id, StringComparison.OrdinalIgnoreCase);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class ReadAuditTestsOnSqlite(SqliteApp app) : ReadAuditTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class ReadAuditTestsOnPostgres(PostgresApp app) : ReadAuditTests(app), IClassFixture<PostgresApp>;
