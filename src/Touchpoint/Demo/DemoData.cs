using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Data.Bulk;
using Touchpoint.Domain.Platform;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;

namespace Touchpoint.Demo;

/// <summary>
/// Demo data for a first start: one user per role, the partner agency of story S0, the catalogue and
/// the customers of the five stories, and a generated operator (Touchpoint:DemoCustomers, default 10,000
/// customers with subscriptions and a year of contacts, the same every time).
/// Runs only when Touchpoint:DemoData is true (the default) and only into an empty database.
/// </summary>
public sealed partial class DemoData(
    TouchpointDbContext db, UserManager<TouchpointUser> users, TimeProvider clock, StoryCustomers stories, IConfiguration configuration, ILogger<DemoData> logger)
{
    public const string GeneratedCustomersKey = "Touchpoint:DemoCustomers";
    public const int GeneratedSeed = 2026;

    /// <summary>Mean contacts per generated customer over the year.</summary>
    public const double GeneratedContactsPerCustomer = 12;

    /// <summary>Every demo user has this password; README says so. Never used outside demo data.</summary>
    public const string Password = "touchpoint-demo";

    public const string PartnerAgencyName = "Vendator";

    /// <summary>The demo staff, team leads before the people who report to them; the admin stands in as head of care.</summary>
    public static IReadOnlyList<(string UserName, string DisplayName, string Role, string? ReportsTo)> Users { get; } =
    [
        ("lead", "Lars Lead", Roles.TeamLead, AdminAccount.UserName),
        ("agent", "Anna Agent", Roles.Agent, "lead"),
        ("store", "Sara Store", Roles.Agent, "lead"),
        ("partner", "Per Partner (Vendator)", Roles.PartnerAgent, null),
        ("switch", "Telephony switch", Roles.Telephony, null),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.PartnerAgencies.AnyAsync(a => a.Name == PartnerAgencyName, cancellationToken))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var vendator = new PartnerAgency { Name = PartnerAgencyName, CreatedAt = now };
        db.PartnerAgencies.Add(vendator);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var (userName, displayName, role, reportsTo) in Users)
        {
            if (await users.FindByNameAsync(userName) is not null)
            {
                continue;
            }

            var user = new TouchpointUser
            {
                UserName = userName,
                DisplayName = displayName,
                CreatedAt = now,
                PartnerAgencyId = role == Roles.PartnerAgent ? vendator.Id : null,
                TeamLeadId = reportsTo is null ? null : (await users.FindByNameAsync(reportsTo))?.Id,
                Channel = userName == "store" ? InteractionChannel.Store : null,
            };
            Ensure(await users.CreateAsync(user, Password));
            Ensure(await users.AddToRoleAsync(user, role));
        }

        if (await users.FindByNameAsync("lead") is { } lead)
        {
            DemoReplyTemplates.Add(db, lead, now);
            if (await users.FindByNameAsync("agent") is { } agent)
            {
                DemoQueues.Add(db, lead, agent, now);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        // Coverage first, as an operator loads it before it sells anything.
        await using (var writer = BulkWriter.Create(db))
        {
            await DemoCoverage.SeedAsync(writer, now, cancellationToken);
        }

        await stories.SeedAsync(vendator, cancellationToken);
        await GenerateOperatorAsync(vendator, configuration.GetValue(GeneratedCustomersKey, 10_000), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Demo data could not be created: {string.Join(" ", result.Errors.Select(e => e.Description))}");
        }
    }

    /// <summary>Writes the generated operator through the import path's bulk writer, in the caller's transaction.</summary>
    private async Task GenerateOperatorAsync(PartnerAgency agency, int customers, CancellationToken cancellationToken)
    {
        if (customers <= 0)
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var plans = await db.Plans.AsNoTracking().ToListAsync(cancellationToken);
        var generator = new GeneratedOperator(GeneratedSeed, now, plans, (agency.Id, agency.Name));
        await using var writer = BulkWriter.Create(db);
        var done = 0;
        var interactions = 0L;
        foreach (var batch in generator.Generate(customers, GeneratedContactsPerCustomer).Chunk(1000))
        {
            await writer.WriteCustomersAsync(batch.Select(g => g.Customer).ToList(), cancellationToken);
            var subscriptions = batch.SelectMany(g => g.Subscriptions).ToList();
            await writer.WriteSubscriptionsAsync(subscriptions, cancellationToken);
            await writer.WriteTimelineEntriesAsync(subscriptions.Select(s => new TimelineEntry
            {
                CustomerId = s.CustomerId,
                At = s.StartDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                Kind = TimelineEntryKind.SubscriptionChange,
                Title = "Subscription started",
                Detail = s.BindingEndDate is { } end ? $"Binding until {end:yyyy-MM-dd}." : "No binding.",
                ActorName = "system",
                SourceId = s.Id.ToString(),
            }.Says(
                StoredText.Of("Timeline.Subscription.StartedUnnamed"),
                s.BindingEndDate is { } until
                    ? StoredText.Of("Timeline.Subscription.BindingUntil", StoredText.Value(until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
                    : StoredText.Of("Timeline.Subscription.NoBinding"))), cancellationToken);
            var contacts = batch.SelectMany(g => g.Interactions).ToList();
            await writer.WriteInteractionsAsync(contacts, cancellationToken);
            done += batch.Length;
            interactions += contacts.Count;
            LogProgress(done, customers, interactions);
        }

        db.RecordEvent(AuditAction.Created, "DemoData", null, $"generated operator: {customers} customers, {interactions} interactions (seed {GeneratedSeed})");
        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: generated {Done}/{Total} customers, {Interactions} interactions")]
    private partial void LogProgress(int done, int total, long interactions);
}
