using Microsoft.EntityFrameworkCore;
using Touchpoint.Demo;

namespace Touchpoint.Tests.ScaleOut;

/// <summary>
/// Two nodes started at the same instant on one empty PostgreSQL database: one migrates and seeds while the other
/// waits for it, then both serve. Before, the second crashed with "relation already exists" or a unique violation
/// on the demo partner agency.
/// </summary>
[Trait("Provider", "Postgres")]
public sealed class TwoNodeStartTests(PostgresServer postgres)
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_nodes_started_together_on_an_empty_database_both_come_up_and_seed_once()
    {
        var nodes = await TouchpointApp.StartNodesAsync(postgres, 2);
        try
        {
            foreach (var node in nodes)
            {
                using var admin = await node.CreateAdminClientAsync();
                using var response = await admin.GetAsync("/api/customers?q=Magnus", Cancel);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            var (agencies, stories) = await nodes[0].WithDbContextAsync(async db => (
                await db.PartnerAgencies.CountAsync(a => a.Name == DemoData.PartnerAgencyName, Cancel),
                await db.Customers.CountAsync(c => c.Name == "Magnus Ek", Cancel)));
            Assert.Equal((1, 1), (agencies, stories));
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
        }
    }
}
