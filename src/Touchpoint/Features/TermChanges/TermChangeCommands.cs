using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Contracts;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Messages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.TermChanges;

/// <param name="Kind">worse, onlyToCustomersBenefit, purelyAdministrative or imposedByLaw (EU-105-3).</param>
/// <param name="EffectiveOn">When the change applies: at least the jurisdiction's announcement period ahead.</param>
public sealed record AnnounceTermChangeInput(string? Kind, string? Description, DateOnly? EffectiveOn, decimal? NewMonthlyPrice);

public sealed record TermChangeView(
    Guid Id, string PlanCode, string Kind, string Description, decimal? NewMonthlyPrice, DateTime AnnouncedAt, DateOnly EffectiveOn,
    string AnnouncedByName, int AffectedSubscriptions, bool OpensTerminationRight, IReadOnlyList<string> RuleIds);

/// <summary>
/// Announces a change of a plan's price or terms to every customer with a live subscription on it (S0-6): a message on
/// the timeline and in the outbox for each, with the date and, unless the change is only to their benefit, the free
/// termination window their jurisdiction gives (EU-105-3; SE-2: three months). The window is stored on each
/// subscription, so the 360 page, the self-service page and every cancellation see it. One transaction.
/// </summary>
public sealed class TermChangeCommands(TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor, ContractRuleBook rules, CustomerVoices voices)
{
    public const int MaxDescriptionLength = 1000;

    public async Task<Outcome<TermChangeView>> AnnounceAsync(string planCode, AnnounceTermChangeInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!TermChangeKinds.TryParse(input.Kind, out var kind, out _))
        {
            return new Failure.Invalid("kind", $"kind is required: one of {string.Join(", ", TermChangeKinds.WireNames)}.");
        }

        var description = input.Description?.Trim();
        if (string.IsNullOrEmpty(description) || description.Length > MaxDescriptionLength)
        {
            return new Failure.Invalid("description", $"description is required: what changes, as the customers will read it (at most {MaxDescriptionLength} characters).");
        }

        if (input.EffectiveOn is not { } effectiveOn)
        {
            return new Failure.Invalid("effectiveOn", "effectiveOn is required: the day the change applies.");
        }

        // With subscribers, their announcement periods refuse a past date too; without any, only this does.
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        if (effectiveOn < today)
        {
            return new Failure.Invalid("effectiveOn", $"effectiveOn {Iso(effectiveOn)} is in the past: a change applies from today ({Iso(today)}) or later.");
        }

        if (input.NewMonthlyPrice is < 0)
        {
            return new Failure.Invalid("newMonthlyPrice", "newMonthlyPrice cannot be negative.");
        }

        var plan = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Code == planCode, cancellationToken);
        if (plan is null)
        {
            return new Failure.NotFound($"There is no plan '{planCode}'.");
        }

        var affected = await db.Subscriptions.Where(s => s.PlanId == plan.Id && s.Status != SubscriptionStatus.Terminated).ToListAsync(cancellationToken);
        var customerIds = affected.Select(s => s.CustomerId).Distinct().ToList();
        var customers = await db.Customers.AsNoTracking().Include(c => c.Identities).Where(c => customerIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);

        // Every affected jurisdiction's announcement period must fit before the date, or nobody is told in time.
        var decisions = customers.Values.Select(c => SubscriptionContracts.JurisdictionOf(c)).Distinct()
            .ToDictionary(j => j, j => rules.TermChange(j, kind, today, effectiveOn));
        if (decisions.Values.FirstOrDefault(d => d.EarliestEffectiveDate > effectiveOn) is { } tooSoon)
        {
            return new Failure.Invalid("effectiveOn",
                $"effectiveOn {Iso(effectiveOn)} is too soon: announced today, the change can apply on {Iso(decisions.Values.Max(d => d.EarliestEffectiveDate))} at the earliest ({string.Join(", ", tooSoon.RuleIds)}).");
        }

        var change = new TermChange
        {
            PlanId = plan.Id,
            Kind = kind,
            Description = description,
            NewMonthlyPrice = input.NewMonthlyPrice,
            AnnouncedAt = now,
            EffectiveOn = effectiveOn,
            AnnouncedByName = currentActor.Get().DisplayName,
            AffectedSubscriptions = affected.Count,
            DueAt = input.NewMonthlyPrice is null ? null : effectiveOn.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
        };
        db.TermChanges.Add(change);

        foreach (var subscription in affected)
        {
            var customer = customers[subscription.CustomerId];
            var decision = decisions[SubscriptionContracts.JurisdictionOf(customer)];
            if (decision.TerminationWindowEnds is { } windowEnds && (subscription.FreeTerminationUntil is null || subscription.FreeTerminationUntil < windowEnds))
            {
                subscription.FreeTerminationUntil = windowEnds;
                subscription.UpdatedAt = now;
            }

            if (Contact(customer) is not { } contact)
            {
                continue;
            }

            var voice = voices.For(customer.PreferredLanguage, customer.Jurisdiction);
            var parts = new List<string> { voice.Text("TermChange.Body", voice.Date(effectiveOn), description) };
            if (input.NewMonthlyPrice is { } newPrice)
            {
                parts.Add(voice.Text("TermChange.Price", voice.Money(newPrice, plan.Currency), voice.Money(subscription.MonthlyPrice, plan.Currency)));
            }

            if (decision.TerminationWindowEnds is { } ends)
            {
                parts.Add(voice.Text("TermChange.Right", voice.Date(ends)));
            }

            parts.Add($"{voice.LawLine(decision.RuleIds)}.");
            MessageOutbox.Queue(db, new NewMessage(customer.Id, customer.Name, contact.Type, contact.Address,
                voice.Text("TermChange.Subject", plan.Name, voice.Date(effectiveOn)), string.Join(" ", parts),
                MessagePurposes.TermChangeNotice) { Language = voice.Language }, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        var any = decisions.Values.FirstOrDefault() ?? rules.TermChange(Jurisdiction.SE, kind, today, effectiveOn);
        return new TermChangeView(change.Id, plan.Code, change.Kind.ToWireName(), change.Description, change.NewMonthlyPrice, change.AnnouncedAt, change.EffectiveOn,
            change.AnnouncedByName, change.AffectedSubscriptions, any.OpensTerminationRight, decisions.Values.SelectMany(d => d.RuleIds).Distinct().Order(StringComparer.Ordinal).ToList());
    }

    private static (string Type, string Address)? Contact(Features.Customers.Customer customer) => MessageOutbox.ContactOnFile(customer.Identities);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
