using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Privacy.Objection;

/// <summary>What recording an objection did.</summary>
/// <param name="AlreadyRecorded">True when the customer had objected before: nothing changed.</param>
/// <param name="Via">The channel the (first) objection came in by; null when it was not said.</param>
/// <param name="AgenciesLeft">The partner agencies that had the customer on their call lists and lost him now.</param>
public sealed record ObjectionRecorded(
    Guid CustomerId, bool AlreadyRecorded, DateTime? RecordedAt, string? Via, IReadOnlyList<string> AgenciesLeft)
{
    public bool MarketingObjection => true;
}

/// <summary>
/// GDPR Art. 21(2)-(3), rule GDPR-21: an objection to direct marketing, from whichever channel it came (an SMS stop
/// keyword, an unsubscribe link, an agent on the phone, in a store or in chat, an update of preferences, TMF629), stops
/// all marketing at once. The customer's <see cref="ContactPreferences.MarketingObjection"/> makes
/// <see cref="ContactPreferences.MayMarketVia"/> false for every channel, and every partner agency given the customer to
/// call (S0-1) loses him in the same save. The timeline says by which channel; the audit has the customer's change and
/// each agency's loss. A second objection changes nothing and says so. Only staff withdraw an objection, at the
/// customer's request, through the preferences (<see cref="CustomerCommands.UpdateAsync"/>).
/// </summary>
public sealed class MarketingObjections(TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor)
{
    public const string TimelineTitle = "Marketing objection (GDPR Art. 21) recorded";

    /// <summary>Records the objection of <paramref name="customerId"/> (or of the record it was merged into) and saves.</summary>
    /// <param name="by">Who the timeline names; the acting user when null.</param>
    public async Task<Outcome<ObjectionRecorded>> RecordAsync(Guid customerId, InteractionChannel channel, Actor? by, CancellationToken cancellationToken)
    {
        var outcome = await AddAsync(customerId, channel, by, cancellationToken);
        if (outcome.Value is { AlreadyRecorded: false })
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return outcome;
    }

    /// <summary>As <see cref="RecordAsync"/>, into the caller's unit of work without saving (an SMS stores the objection with itself).</summary>
    public async Task<Outcome<ObjectionRecorded>> AddAsync(Guid customerId, InteractionChannel channel, Actor? by, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        // The person objects, not the record: a merged record's objection belongs to the one it was merged into.
        if (customer is { Status: CustomerStatus.Merged, MergedIntoId: { } survivor })
        {
            customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == survivor, cancellationToken);
        }

        if (customer is null)
        {
            return new Failure.NotFound($"There is no customer with id '{customerId}'.");
        }

        if (customer.MarketingObjection)
        {
            return new ObjectionRecorded(customer.Id, true, customer.MarketingObjectionAt, customer.MarketingObjectionVia, []);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var left = await ApplyAsync(customer, channel, now, by, cancellationToken);
        customer.UpdatedAt = now;
        return new ObjectionRecorded(customer.Id, false, now, customer.MarketingObjectionVia, left);
    }

    /// <summary>
    /// The objection into the caller's unit of work, without saving: the flag with when and how, the customer off every
    /// agency's list, the timeline entry. For a customer who has not objected yet.
    /// </summary>
    /// <returns>The names of the agencies that lost the customer.</returns>
    public async Task<IReadOnlyList<string>> ApplyAsync(Customer customer, InteractionChannel? channel, DateTime now, Actor? by, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(customer);
        customer.MarketingObjection = true;
        customer.MarketingObjectionAt = now;
        customer.MarketingObjectionVia = channel?.ToWireName();

        var gifts = await db.AgencyCustomers.Where(g => g.CustomerId == customer.Id).ToListAsync(cancellationToken);
        var agencyIds = gifts.Select(g => g.PartnerAgencyId).ToList();
        var agencies = agencyIds.Count == 0
            ? []
            : await db.PartnerAgencies.AsNoTracking().Where(a => agencyIds.Contains(a.Id)).Select(a => a.Name).OrderBy(n => n).ToListAsync(cancellationToken);
        db.AgencyCustomers.RemoveRange(gifts);

        var lists = agencies.Count == 0
            ? "No partner agency had the customer to call."
            : $"Taken off the call lists of {string.Join(", ", agencies)}.";
        db.TimelineEntries.Add(new TimelineEntry
        {
            CustomerId = customer.Id,
            At = now,
            Kind = TimelineEntryKind.PreferenceChange,
            Channel = channel?.ToWireName(),
            Direction = channel is null ? null : "inbound",
            Title = Title(channel),
            Detail = $"No direct marketing in any channel from now on (GDPR-21). {lists}",
            ActorName = (by ?? currentActor.Get()).DisplayName,
        }.Says(channel is { } via
            ? StoredText.Of("Timeline.MarketingObjection.By", StoredText.Code("Channel", via.ToWireName()))
            : StoredText.Of("Timeline.MarketingObjection")));
        return agencies;
    }

    /// <summary>An objection withdrawn at the customer's request (by staff through the preferences): when and how go with it.</summary>
    public static void Withdraw(Customer customer)
    {
        ArgumentNullException.ThrowIfNull(customer);
        customer.MarketingObjection = false;
        customer.MarketingObjectionAt = null;
        customer.MarketingObjectionVia = null;
    }

    /// <summary>"Marketing objection (GDPR Art. 21) recorded, by SMS": the timeline's title, naming the channel when known.</summary>
    public static string Title(InteractionChannel? channel) => channel is { } known ? $"{TimelineTitle}, by {known.DisplayName()}" : TimelineTitle;
}
