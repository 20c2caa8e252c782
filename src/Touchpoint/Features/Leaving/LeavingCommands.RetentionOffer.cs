using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Promises;
using Touchpoint.Features.Subscriptions;
using Touchpoint.Hosting;
using static Touchpoint.Domain.Platform.TextLimits;

namespace Touchpoint.Features.Leaving;

/// <param name="Accepted">True when the customer takes the offer and stays; false records it declined (one click).</param>
public sealed record RetentionOfferInput(string? Channel, string? Offer, bool? Accepted);

public sealed partial class LeavingCommands
{
    /// <summary>Records a retention offer made before the customer confirms; the customer may refuse it, and that is one click.</summary>
    public async Task<Outcome<TimelineEntry>> RecordRetentionOfferAsync(Guid subscriptionId, RetentionOfferInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!TryChannel(input.Channel, out var channel, out var channelFailure))
        {
            return channelFailure;
        }

        var offer = input.Offer?.Trim();
        if (string.IsNullOrEmpty(offer) || offer.Length > MaxOfferLength)
        {
            return new Failure.Invalid("offer", $"offer is required: what was offered, in the words used (at most {MaxOfferLength} characters).");
        }

        if (input.Accepted is not { } accepted)
        {
            return new Failure.Invalid("accepted", "accepted is required: true when the customer takes the offer, false when they decline it.");
        }

        var loaded = await LoadAsync(subscriptionId, tracked: false, cancellationToken);
        if (loaded is null)
        {
            return NotFound(subscriptionId);
        }

        var entry = new TimelineEntry
        {
            CustomerId = loaded.Subscription.CustomerId,
            At = Now,
            Kind = TimelineEntryKind.Offer,
            Channel = channel.ToWireName(),
            Title = Clip($"Retention offer {(accepted ? "accepted" : "declined")}: {offer}", 300),
            Detail = accepted
                ? $"Offered {PromiseEvents.Via(channel)} when the customer wanted to leave {PlanName(loaded.Subscription)}; they took it and stay."
                : $"Offered {PromiseEvents.Via(channel)} when the customer wanted to leave {PlanName(loaded.Subscription)}; they declined.",
            ActorName = currentActor.Get().DisplayName,
            SourceId = subscriptionId.ToString(),
        }.Says(
            StoredText.Of(accepted ? "Timeline.Offer.RetentionAccepted" : "Timeline.Offer.RetentionDeclined", StoredText.Value(offer)),
            StoredText.Of(accepted ? "Timeline.Offer.RetentionTaken" : "Timeline.Offer.RetentionRefused",
                StoredText.Code("Via", channel.ToWireName()), StoredText.Value(PlanName(loaded.Subscription))));
        db.TimelineEntries.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
        return entry;
    }
}
