using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data;
using Touchpoint.Data.Bulk;
using Touchpoint.Demo;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Platform;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Promises;

namespace Touchpoint.Bench.Work;

/// <summary>What the seeding made that the measurements use.</summary>
/// <param name="AgentUserName">The owner who signs in to create cases over HTTP, with <paramref name="AgentPassword"/>.</param>
/// <param name="LagOwner">Owns the promises Touchpoint's watcher breaks while its lag is measured.</param>
/// <param name="RawLagOwner">Owns the promises the raw loop breaks.</param>
/// <param name="TemplateCase">The case made as an entity, which the raw baseline copies.</param>
/// <param name="CaseColumns">The columns of the Cases table as EF Core maps them.</param>
internal sealed record SeededWork(
    IReadOnlyList<string> Owners, IReadOnlyList<Guid> CustomerIds, string AgentUserName, string AgentPassword, string LagOwner, string RawLagOwner,
    Guid TemplateCase, IReadOnlyList<string> CaseColumns);

/// <summary>
/// Customers, owners, and the open promises and cases spread over them: one promise and one case made as entities, the
/// rest copies of them made by the database in one statement each.
/// </summary>
internal sealed class WorkSeeder(RawDb raw, WorkSettings s)
{
    private readonly string agentPassword = "Bench-" + RandomNumberGenerator.GetHexString(24) + "-a1";
    private readonly List<string> owners = [];
    private readonly List<Guid> customerIds = [];

    private bool Sqlite => raw.IsSqlite;

    public async Task<SeededWork> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        if (await db.Customers.AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException("The database already holds customers; the benchmark needs an empty one.");
        }

        Console.WriteLine($"seeding {s.Customers:N0} customers and {s.Owners} owners …");
        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        foreach (var plan in StoryCustomers.Plans)
        {
            var outcome = await CatalogueEndpoints.CreateAsync(db, clock, ContractRuleBook.Law, plan, cancellationToken);
            if (outcome.Failure is { } failure)
            {
                throw new InvalidOperationException($"Plan {plan.Code}: {failure.Message}");
            }
        }

        var agency = new PartnerAgency { Name = DemoData.PartnerAgencyName, CreatedAt = now };
        db.PartnerAgencies.Add(agency);
        await db.SaveChangesAsync(cancellationToken);
        var plans = await db.Plans.AsNoTracking().ToListAsync(cancellationToken);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await using var writer = BulkWriter.Create(db);
            foreach (var batch in new GeneratedOperator(7, now, plans, (agency.Id, agency.Name)).Generate(s.Customers, 0).Chunk(1000))
            {
                var customers = batch.Select(g => g.Customer).ToList();
                await writer.WriteCustomersAsync(customers, cancellationToken);
                customerIds.AddRange(customers.Select(c => c.Id));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<TouchpointUser>>();
        var lead = await CreateUserAsync(users, "bench-lead", "Bench Lead", Roles.TeamLead, null, null, now);
        for (var i = 0; i < s.Owners; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"bench-agent-{i:D4}");
            owners.Add(await CreateUserAsync(users, name, $"Agent {i}", Roles.Agent, lead, i == 0 ? agentPassword : null, now));
        }

        var agentUserName = "bench-agent-0000";
        var lagOwner = await CreateUserAsync(users, "bench-lag-touchpoint", "Lag Touchpoint", Roles.Agent, lead, null, now);
        var rawLagOwner = await CreateUserAsync(users, "bench-lag-raw", "Lag Raw", Roles.Agent, lead, null, now);

        // One promise and one case made as entities; the rest are copies of them made by the database.
        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == customerIds[0], cancellationToken);
        var promise = new PromiseRecord
        {
            CustomerId = customer.Id,
            Kind = PromiseKind.Callback,
            State = PromiseState.Open,
            Description = "Callback from customer service about the invoice",
            OwnerUserId = owners[0],
            MadeByUserId = owners[0],
            MadeByName = "Agent 0",
            MadeVia = InteractionChannel.Phone,
            MadeAt = now,
            DueAt = now.AddHours(3),
            NextAlarmAt = now.AddHours(3),
        };
        var @case = new Case
        {
            Reference = "B-0",
            CustomerId = customer.Id,
            Jurisdiction = customer.Jurisdiction,
            Type = CaseType.Complaint,
            Priority = CasePriority.Medium,
            Status = CaseStatus.InProgress,
            Channel = InteractionChannel.Phone,
            NeedStatement = "The customer wants the double charge on the last invoice refunded.",
            OwnerKind = OwnerKind.User,
            OwnerId = owners[0],
            OwnerName = "Agent 0",
            AccountableUserId = owners[0],
            OpenedAt = now,
            OpenedById = owners[0],
            OpenedByName = "Agent 0",
            NextDueAt = now.AddHours(3),
            NextSlaAlarmAt = now.AddHours(3),
        };
        db.Promises.Add(promise);
        db.Cases.Add(@case);
        await db.SaveChangesAsync(cancellationToken);

        Console.WriteLine($"seeding {s.Promises:N0} promises and {s.Cases:N0} cases …");
        var promiseColumns = Columns(db, typeof(PromiseRecord));
        var caseColumns = Columns(db, typeof(Case));
        await using var connection = await raw.OpenAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            await FillLookupAsync(connection, transaction, "bench_owners", owners.Cast<object>().ToList(), cancellationToken);
            await FillLookupAsync(connection, transaction, "bench_customers", customerIds.Select(raw.Id).ToList(), cancellationToken);
            // Due in 2 to 8 hours: nothing seeded falls due while the benchmark runs.
            var due = TimeExpression("(7200 + (s.i * 7919) % 21600)");
            var owner = $"(SELECT o.id FROM bench_owners AS o WHERE o.n = s.i % {s.Owners})";
            var customerOf = $"(SELECT c.id FROM bench_customers AS c WHERE c.n = s.i % {s.Customers})";
            await CopyAsync(connection, transaction, "Promises", promiseColumns, promise.Id, s.Promises - 1, now, new()
            {
                ["CustomerId"] = customerOf, ["OwnerUserId"] = owner, ["MadeByUserId"] = owner, ["DueAt"] = due, ["NextAlarmAt"] = due,
            }, cancellationToken);
            await CopyAsync(connection, transaction, "Cases", caseColumns, @case.Id, s.Cases - 1, now, new()
            {
                ["CustomerId"] = customerOf, ["OwnerId"] = owner, ["AccountableUserId"] = owner, ["OpenedById"] = owner,
                ["Reference"] = Sqlite ? "'B-' || s.i" : "'B-' || s.i::text", ["NextDueAt"] = due, ["NextSlaAlarmAt"] = due,
            }, cancellationToken);

            // The promises whose lag is measured, one set for Touchpoint's watcher and one for the raw loop, due later for now.
            foreach (var lag in new[] { lagOwner, rawLagOwner })
            {
                await CopyAsync(connection, transaction, "Promises", promiseColumns, promise.Id, s.LagPromises, now, new()
                {
                    ["CustomerId"] = customerOf, ["OwnerUserId"] = RawDb.Quote(lag), ["MadeByUserId"] = RawDb.Quote(lag), ["DueAt"] = due, ["NextAlarmAt"] = due,
                }, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        if (!Sqlite)
        {
            await using var analyze = connection.CreateCommand();
            analyze.CommandText = """ANALYZE "Promises"; ANALYZE "Cases";""";
            analyze.CommandTimeout = 0;
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }
        else
        {
            await using var analyze = connection.CreateCommand();
            analyze.CommandText = "PRAGMA optimize;";
            analyze.CommandTimeout = 0;
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        return new SeededWork(owners, customerIds, agentUserName, agentPassword, lagOwner, rawLagOwner, @case.Id, caseColumns);
    }

    private static async Task<string> CreateUserAsync(
        UserManager<TouchpointUser> users, string userName, string displayName, string role, string? teamLeadId, string? password, DateTime now)
    {
        var user = new TouchpointUser { UserName = userName, DisplayName = displayName, CreatedAt = now, TeamLeadId = teamLeadId };
        Ensure(password is null ? await users.CreateAsync(user) : await users.CreateAsync(user, password));
        Ensure(await users.AddToRoleAsync(user, role));
        return user.Id;
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"A benchmark user could not be created: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    private static List<string> Columns(TouchpointDbContext db, Type type)
    {
        var entity = db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return [.. entity.GetProperties().Select(p => p.GetColumnName(table)!)];
    }

    /// <summary>@base plus <paramref name="seconds"/> (an SQL expression), stored as EF Core stores a DateTime.</summary>
    private string TimeExpression(string seconds) => Sqlite
        ? $"strftime('%Y-%m-%d %H:%M:%f', @base, '+' || {seconds} || ' seconds')"
        : $"(@base + {seconds} * interval '1 second')";

    private string NewId => Sqlite
        ? "upper(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6)))"
        : "gen_random_uuid()";

    private async Task FillLookupAsync(DbConnection connection, DbTransaction transaction, string table, List<object> ids, CancellationToken cancellationToken)
    {
        await using (var create = connection.CreateCommand())
        {
            create.Transaction = transaction;
            create.CommandText = $"CREATE TEMP TABLE {table} (n integer PRIMARY KEY, id {(Sqlite ? "text" : ids[0] is Guid ? "uuid" : "text")} NOT NULL)";
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO {table} (n, id) VALUES (@n, @id)";
        var n = raw.Add(insert, "@n", RawType.Integer);
        var id = raw.Add(insert, "@id", ids[0] is Guid && !Sqlite ? RawType.Id : RawType.Text);
        await insert.PrepareAsync(cancellationToken);
        for (var i = 0; i < ids.Count; i++)
        {
            n.Value = i;
            id.Value = ids[i];
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    /// <summary>Inserts <paramref name="count"/> copies of one row in one statement, with some columns computed from the copy's number s.i.</summary>
    private async Task CopyAsync(
        DbConnection connection, DbTransaction transaction, string table, List<string> columns, Guid template, int count, DateTime now,
        Dictionary<string, string> overrides, CancellationToken cancellationToken)
    {
        if (count <= 0)
        {
            return;
        }

        overrides["Id"] = NewId;
        overrides["Version"] = "0";
        var list = string.Join(", ", columns.Select(c => $"\"{c}\""));
        var values = string.Join(", ", columns.Select(c => overrides.TryGetValue(c, out var expression) ? expression : $"t.\"{c}\""));
        var series = Sqlite
            ? "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < @count) "
            : "";
        var from = Sqlite ? "s CROSS JOIN" : "generate_series(1, @count) AS s(i) CROSS JOIN";
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandTimeout = 0;
        command.CommandText = $"""
            INSERT INTO "{table}" ({list})
            {series}SELECT {values} FROM {from} "{table}" AS t WHERE t."Id" = @template
            """;
        raw.Add(command, "@count", RawType.Integer).Value = count;
        raw.Add(command, "@template", RawType.Id).Value = raw.Id(template);
        raw.Add(command, "@base", RawType.Timestamp).Value = raw.Timestamp(now);
        var watch = Stopwatch.StartNew();
        var inserted = await command.ExecuteNonQueryAsync(cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {table}: {inserted:N0} rows in {watch.Elapsed.TotalSeconds:0.0} s"));
    }
}
