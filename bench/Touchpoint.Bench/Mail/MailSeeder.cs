using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Touchpoint.Data;
using Touchpoint.Data.Bulk;
using Touchpoint.Demo;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Messages;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Mail;
using Touchpoint.Features.Messages;

namespace Touchpoint.Bench.Mail;

/// <summary>A generated customer the mail comes from.</summary>
internal sealed record MailCustomer(Guid Id, string Name, string Email, string Jurisdiction);

/// <summary>An open case with the reply Touchpoint sent on it, which the customer's mail answers.</summary>
/// <param name="ReplyMessageId">The Message-ID our reply went out under: a customer's answer names it in In-Reply-To.</param>
internal sealed record MailCase(Guid Id, string Reference, MailCustomer Customer, string ReplyMessageId, string ReplySubject);

internal sealed record SeededMail(IReadOnlyList<MailCustomer> Customers, IReadOnlyList<MailCase> Cases, string AgentId);

/// <summary>
/// Customers with e-mail identities (the generated operator, fixed seed), an agent and a team lead, one open case on
/// every other customer owned by the agent, and on each case a reply already sent with its Message-ID.
/// </summary>
internal static class MailSeeder
{
    public static async Task<SeededMail> SeedAsync(IServiceProvider services, int customerCount, int caseCount, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        if (await db.Customers.AnyAsync(cancellationToken))
        {
            throw new InvalidOperationException("The database already holds customers; the benchmark needs an empty one.");
        }

        var clock = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        var now = clock.GetUtcNow().UtcDateTime;
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
        var customers = new List<MailCustomer>(customerCount);
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            await using var writer = BulkWriter.Create(db);
            foreach (var batch in new GeneratedOperator(11, now, plans, (agency.Id, agency.Name)).Generate(customerCount, 0).Chunk(1000))
            {
                var rows = batch.Select(g => g.Customer).ToList();
                await writer.WriteCustomersAsync(rows, cancellationToken);
                customers.AddRange(rows.Select(c => new MailCustomer(c.Id, c.Name, c.Identities.First(i => i.Kind == "email").Value, c.Jurisdiction)));
            }

            await transaction.CommitAsync(cancellationToken);
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<TouchpointUser>>();
        var lead = await CreateUserAsync(users, "bench-mail-lead", "Mail Lead", Roles.TeamLead, null, now);
        var agent = await CreateUserAsync(users, "bench-mail-agent", "Mail Agent", Roles.Agent, lead, now);

        var settings = scope.ServiceProvider.GetRequiredService<MailSettings>();
        var cases = new List<MailCase>(caseCount);
        for (var start = 0; start < caseCount; start += 1000)
        {
            db.ChangeTracker.Clear();
            for (var i = start; i < Math.Min(caseCount, start + 1000); i++)
            {
                var customer = customers[i * 2 % customers.Count];
                var reference = string.Create(CultureInfo.InvariantCulture, $"C-{i + 1:D6}");
                var @case = new Case
                {
                    Reference = reference,
                    CustomerId = customer.Id,
                    Jurisdiction = customer.Jurisdiction,
                    Type = CaseType.Request,
                    Priority = CasePriority.Medium,
                    Status = CaseStatus.InProgress,
                    Channel = InteractionChannel.Email,
                    NeedStatement = "The customer asks why the last invoice is higher than the one before.",
                    OwnerKind = OwnerKind.User,
                    OwnerId = agent,
                    OwnerName = "Mail Agent",
                    AccountableUserId = agent,
                    OpenedAt = now.AddDays(-2),
                    OpenedById = agent,
                    OpenedByName = "Mail Agent",
                    NextDueAt = now.AddDays(3),
                    NextSlaAlarmAt = now.AddDays(3),
                };
                db.Cases.Add(@case);
                var reply = MessageOutbox.Queue(db, new NewMessage(customer.Id, customer.Name, MessageTypes.Email, customer.Email, "About your invoice",
                    "The difference is the roaming week in October; the details are below.", MessagePurposes.Reply)
                {
                    CaseId = @case.Id, CaseReference = reference, SenderName = "Mail Agent",
                }, now.AddDays(-1));
                reply.MessageId = OutgoingMail.MessageIdFor(reply, settings.MessageIdDomain);
                reply.State = MessageState.Completed;
                reply.NextAttemptAt = null;
                reply.SendTime = reply.SendTimeComplete = reply.CreatedAt;
                reply.TryTimes = 1;
                cases.Add(new MailCase(@case.Id, reference, customer, reply.MessageId, OutgoingMail.Subject(reply.Subject, reference)));
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        // Cases opened by arriving mail take the next references.
        await db.Database.ExecuteSqlAsync(
            $"UPDATE \"CaseReferenceCounters\" SET \"Last\" = {(long)caseCount} WHERE \"Id\" = {CaseReferenceCounter.SingleRowId}", cancellationToken);
        return new SeededMail(customers, cases, agent);
    }

    private static async Task<string> CreateUserAsync(
        UserManager<TouchpointUser> users, string userName, string displayName, string role, string? teamLeadId, DateTime now)
    {
        var user = new TouchpointUser { UserName = userName, DisplayName = displayName, CreatedAt = now, TeamLeadId = teamLeadId };
        var created = await users.CreateAsync(user);
        var inRole = created.Succeeded ? await users.AddToRoleAsync(user, role) : created;
        if (!inRole.Succeeded)
        {
            throw new InvalidOperationException($"A benchmark user could not be created: {string.Join(" ", inRole.Errors.Select(e => e.Description))}");
        }

        return user.Id;
    }
}
