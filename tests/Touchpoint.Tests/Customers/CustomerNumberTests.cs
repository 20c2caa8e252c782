using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Import;
using Touchpoint.Hosting;
using Touchpoint.Tests.Api;

namespace Touchpoint.Tests.Customers;

/// <summary>
/// Every customer has a short number of their own, however they came in (the API, an import, the demo data), and the
/// number finds them as an identity does; search rows tell namesakes apart.
/// </summary>
public abstract class CustomerNumberTests(TouchpointApp app) : ApiTestBase(app)
{
    [Fact]
    public async Task Every_seeded_customer_has_a_number_of_their_own_and_the_counter_is_past_all_of_them()
    {
        var (numbers, last) = await App.WithDbContextAsync(async db => (
            await db.Customers.AsNoTracking().Select(c => c.Number).ToListAsync(Cancel),
            await db.CustomerNumberCounters.AsNoTracking().Select(c => c.Last).SingleAsync(Cancel)));

        Assert.NotEmpty(numbers);
        Assert.All(numbers, n => Assert.True(CustomerNumber.TryParse(CustomerNumber.Format(n), out _), $"{n} is not a customer number"));
        Assert.Equal(numbers.Count, numbers.Distinct().Count());
        Assert.True(numbers.Max() <= CustomerNumber.FromSerial(last));
    }

    [Fact]
    public async Task A_customer_created_through_the_API_gets_the_next_number_and_is_found_by_it_as_an_exact_hit()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var first = await CreateAsync(agent, "Numbered Customer");
        var second = await CreateAsync(agent, "Numbered Customer");

        var number = first.GetProperty("customerNumber").GetString()!;
        Assert.Equal(CustomerNumber.Digits, number.Length);
        Assert.True(CustomerNumber.TryParse(number, out var parsed));
        Assert.Equal(CustomerNumber.Format(Next(parsed)), second.GetProperty("customerNumber").GetString());

        // Typed as people read it out, in two groups.
        using var search = await agent.GetAsync($"/api/customers?q={Uri.EscapeDataString(number[..4] + " " + number[4..])}", Cancel);
        var hit = Assert.Single((await HttpAssert.JsonAsync(search)).EnumerateArray());
        Assert.Equal(first.GetProperty("id").GetString(), hit.GetProperty("id").GetString());
        Assert.True(hit.GetProperty("exactIdentityMatch").GetBoolean());
        Assert.Equal("customerNumber", hit.GetProperty("matchedIdentityKind").GetString());
        Assert.Equal(number, hit.GetProperty("customerNumber").GetString());

        using var view = await agent.GetAsync($"/api/customers/{first.GetProperty("id").GetString()}", Cancel);
        Assert.Equal(number, (await HttpAssert.JsonAsync(view)).GetProperty("customer").GetProperty("customerNumber").GetString());
    }

    [Fact]
    public async Task A_number_with_a_wrong_check_digit_finds_nobody()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var number = (await CreateAsync(agent, "Mistyped Number")).GetProperty("customerNumber").GetString()!;
        var typo = number[..^1] + (char)('0' + ((number[^1] - '0' + 1) % 10));

        using var search = await agent.GetAsync($"/api/customers?q={typo}", Cancel);

        Assert.DoesNotContain((await HttpAssert.JsonAsync(search)).EnumerateArray(), h => h.GetProperty("matchedIdentityKind").GetString() == "customerNumber");
    }

    [Fact]
    public async Task An_import_numbers_its_customers_from_one_block()
    {
        var name = $"Imported {Guid.NewGuid():N}"[..20];
        var file = Path.Combine(Directory.CreateTempSubdirectory("touchpoint-numbers-").FullName, "customers.csv");
        await File.WriteAllTextAsync(file, $"name,jurisdiction,msisdn\n{name},SE,{UniqueMobile()}\n{name},SE,{UniqueMobile()}\n{name},SE,{UniqueMobile()}\n", new UTF8Encoding(false), Cancel);
        await using (var scope = App.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<Importer>()
                .RunAsync(new ImportRequest(ImportKind.Customers, file, false, null, new Actor(null, "import-test", null, "cli")), null, Cancel);
            Assert.True(result.Committed, string.Join("; ", result.Errors));
        }

        var numbers = await App.WithDbContextAsync(db => db.Customers.AsNoTracking().Where(c => c.Name == name).Select(c => c.Number).OrderBy(n => n).ToListAsync(Cancel));
        Assert.Equal(3, numbers.Count);
        Assert.Equal([numbers[0], Next(numbers[0]), Next(Next(numbers[0]))], numbers);
    }

    [Fact]
    public async Task Namesakes_are_told_apart_by_number_phone_city_and_subscriptions()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var name = $"Jan de Vries {Guid.NewGuid():N}"[..20];
        await CreateAsync(agent, name, "Utrecht");
        await CreateAsync(agent, name, "Amsterdam");
        await CreateAsync(agent, name, null);

        using var search = await agent.GetAsync($"/api/customers?q={Uri.EscapeDataString(name)}", Cancel);
        var hits = (await HttpAssert.JsonAsync(search)).EnumerateArray().ToList();

        Assert.Equal(3, hits.Count);
        Assert.All(hits, h => Assert.False(h.GetProperty("exactIdentityMatch").GetBoolean()));
        Assert.Equal(3, hits.Select(h => h.GetProperty("customerNumber").GetString()).Distinct().Count());
        Assert.Equal(3, hits.Select(h => h.GetProperty("phone").GetString()).Distinct().Count());
        Assert.All(hits, h => Assert.StartsWith("+46 •••• ", h.GetProperty("phone").GetString(), StringComparison.Ordinal));
        Assert.Equal(["Amsterdam", "Utrecht", null], hits.Select(h => h.GetProperty("city").GetString()).OrderBy(c => c ?? "~", StringComparer.Ordinal));
        Assert.All(hits, h => Assert.Equal((0, "prospect"), (h.GetProperty("subscriptions").GetInt32(), h.GetProperty("status").GetString())));
    }

    [Fact]
    public async Task A_demo_customer_found_by_name_shows_their_subscriptions_and_masked_contacts()
    {
        using var agent = await App.CreateClientAsAsync("agent");

        using var search = await agent.GetAsync("/api/customers?q=Magnus%20Ek", Cancel);
        var magnus = (await HttpAssert.JsonAsync(search)).EnumerateArray().First(h => h.GetProperty("name").GetString() == "Magnus Ek");

        Assert.True(magnus.GetProperty("subscriptions").GetInt32() > 0);
        Assert.Equal("active", magnus.GetProperty("status").GetString());
        Assert.Equal("m•••@example.se", magnus.GetProperty("email").GetString());
    }

    private static long Next(long number) => CustomerNumber.FromSerial((number / 10) - CustomerNumber.SerialOffset + 1);

    private static string UniqueMobile() => $"+4670{Random.Shared.Next(1_000_000, 9_999_999)}";

    private static async Task<JsonElement> CreateAsync(HttpClient client, string name, string? city = null)
    {
        using var response = await client.PostAsJsonAsync("/api/customers", new
        {
            name,
            jurisdiction = "SE",
            serviceAddress = city is null ? null : new { street = "Oudegracht 1", postalCode = "3511 AA", city, country = "NL" },
            identities = new[] { new { kind = "msisdn", value = UniqueMobile() } },
        }, Cancel);
        return await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
    }
}

[Trait("Provider", "Sqlite")]
public sealed class CustomerNumberTestsOnSqlite(SqliteApp app) : CustomerNumberTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class CustomerNumberTestsOnPostgres(PostgresApp app) : CustomerNumberTests(app), IClassFixture<PostgresApp>;
