using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data;
using Touchpoint.Features.Work;

namespace Touchpoint.Tests.Api;

/// <summary>
/// Issue 27, reads at the engine's speed: a page of the case and order lists costs the same number of SQL statements
/// whether it shows one row or many. A statement per row (the contacts, questions or owners of each case read one case
/// at a time) makes a list of twenty cost twice a list of ten. Both pages compared stop short of the last row, so
/// each list reads as it does for a page with more behind it.
/// </summary>
public abstract class StatementsPerPageTests(TouchpointApp app) : ApiTestBase(app)
{
    private const int Cases = 8;
    private static readonly string[] Questions = ["Why was I charged twice?", "When will the refund arrive?"];

    [Fact]
    public async Task A_page_of_cases_tickets_orders_or_products_costs_the_same_statements_for_one_row_as_for_many()
    {
        using var agent = await App.CreateClientAsAsync("agent");
        var customerId = await CustomerWithCasesAsync(agent);
        await OrderMobilesAsync(agent, customerId);
        using var counter = new StatementCounter(App);

        var lists = new[]
        {
            $"/api/cases?customerId={customerId}&limit={{0}}",
            $"/tmf-api/troubleTicket/v4/troubleTicket?relatedParty.id={customerId}&limit={{0}}",
            $"/tmf-api/productOrderingManagement/v4/productOrder?relatedParty.id={customerId}&limit={{0}}",
            $"/tmf-api/productInventory/v4/product?relatedParty.id={customerId}&limit={{0}}",
        };
        var perRow = new List<string>();
        foreach (var list in lists)
        {
            var (oneRow, one) = await ReadAsync(counter, agent, string.Format(CultureInfo.InvariantCulture, list, 1));
            var (manyRows, many) = await ReadAsync(counter, agent, string.Format(CultureInfo.InvariantCulture, list, Cases - 1));
            Assert.True(oneRow == 1 && manyRows == Cases - 1, $"{list}: {oneRow} and {manyRows} rows; the test needs 1 and {Cases - 1}.");
            if (many.Count != one.Count)
            {
                perRow.Add($"{list}: {one.Count} statements for 1 row, {many.Count} for {manyRows}:\n  {string.Join("\n  ", many)}");
            }
        }

        Assert.True(perRow.Count == 0, string.Join("\n", perRow));
    }

    [Fact]
    public async Task My_work_costs_the_same_statements_for_a_page_of_one_as_for_a_page_of_many()
    {
        var owner = await CreateUserAsync();
        using var client = await App.CreateClientAsAsync(owner.UserName, owner.Password);
        await CustomerWithCasesAsync(client);
        using var counter = new StatementCounter(App);

        var (one, oneView) = await MyWorkAsync(counter, owner.Id, 1);
        var (many, manyView) = await MyWorkAsync(counter, owner.Id, Cases - 1);

        Assert.Single(oneView.Items);
        Assert.Equal(Cases - 1, manyView.Items.Count);
        Assert.True(one.Count == many.Count, $"{one.Count} statements for 1 case, {many.Count} for {Cases - 1}:\n  {string.Join("\n  ", many)}");
    }

    private static async Task<(int Rows, IReadOnlyList<string> Statements)> ReadAsync(StatementCounter counter, HttpClient client, string path)
    {
        var rows = 0;
        var statements = await counter.CountAsync(async () =>
        {
            using var response = await client.GetAsync(path, Cancel);
            rows = (await HttpAssert.JsonAsync(response)).GetArrayLength();
        });
        return (rows, statements);
    }

    private async Task<(IReadOnlyList<string> Statements, MyWorkView View)> MyWorkAsync(StatementCounter counter, string userId, int limit)
    {
        MyWorkView? view = null;
        var statements = await counter.CountAsync(async () =>
        {
            await using var scope = App.Services.CreateAsyncScope();
            view = await WorkViews.MyWorkAsync(scope.ServiceProvider.GetRequiredService<TouchpointDbContext>(), userId, limit, Cancel);
        });
        return (statements, view!);
    }

    /// <summary>As many orders for the customer as cases, each adding a mobile subscription: as many products.</summary>
    private static async Task OrderMobilesAsync(HttpClient client, string customerId)
    {
        for (var i = 0; i < Cases; i++)
        {
            using var ordered = await client.PostAsJsonAsync("/tmf-api/productOrderingManagement/v4/productOrder", new
            {
                relatedParty = new[] { new Dictionary<string, string> { ["id"] = customerId, ["role"] = "customer", ["@referredType"] = "Customer" } },
                productOrderItem = new[]
                {
                    new
                    {
                        id = "1", action = "add", productOffering = new { id = "SE-MOBIL-430" },
                        product = new { productCharacteristic = new[] { new { name = "msisdn", value = $"+4670{Random.Shared.Next(1000000, 9999999)}" } } },
                    },
                },
            }, Cancel);
            await HttpAssert.JsonAsync(ordered, HttpStatusCode.Created);
        }
    }

    /// <summary>A customer with <see cref="Cases"/> cases owned by the caller, each with questions and a contact naming it.</summary>
    private static async Task<string> CustomerWithCasesAsync(HttpClient client)
    {
        using var created = await client.PostAsJsonAsync("/api/customers",
            new { name = "Page Counter", jurisdiction = "SE", identities = new[] { new { kind = "email", value = $"pages.{Guid.NewGuid():N}@example.com" } } },
            Cancel);
        var customerId = (await HttpAssert.JsonAsync(created, HttpStatusCode.Created)).GetProperty("id").GetString()!;
        for (var i = 0; i < Cases; i++)
        {
            using var opened = await client.PostAsJsonAsync("/api/cases", new
            {
                customerId, type = "complaint", channel = "phone", need = $"Refund number {i}", questions = Questions,
            }, Cancel);
            var @case = await HttpAssert.JsonAsync(opened, HttpStatusCode.Created);
            using var contact = await client.PostAsJsonAsync("/api/interactions", new
            {
                customerId, channel = "phone", direction = "inbound", reason = "complaint", summary = "Asked about the refund",
                caseRef = @case.GetProperty("reference").GetString(),
            }, Cancel);
            await HttpAssert.JsonAsync(contact, HttpStatusCode.Created);
        }

        return customerId;
    }
}

[Trait("Provider", "Sqlite")]
public sealed class StatementsPerPageTestsOnSqlite(SqliteApp app) : StatementsPerPageTests(app), IClassFixture<SqliteApp>;

[Trait("Provider", "Postgres")]
public sealed class StatementsPerPageTestsOnPostgres(PostgresApp app) : StatementsPerPageTests(app), IClassFixture<PostgresApp>;
