using Microsoft.EntityFrameworkCore;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Leaving;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Contracts;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Promises;
using Touchpoint.Features.Subscriptions;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Leaving;

/// <param name="RequestedBy"><c>customer</c> or <c>operator</c>: at whose request the termination is withdrawn (S1-5).</param>
public sealed record RevokeTerminationInput(string? RequestedBy, string? Channel);

public sealed partial class LeavingCommands
{
    /// <summary>
    /// Withdraws a pending cancellation at the customer's or the operator's request (S1-5): the subscription runs on
    /// with the binding end and notice it had before (TP-1) — never a new binding, never a longer notice.
    /// </summary>
    public async Task<Outcome<Termination>> RevokeAsync(Guid terminationId, RevokeTerminationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.RequestedBy is not (RequestedByCustomer or RequestedByOperator))
        {
            return new Failure.Invalid("requestedBy", "requestedBy is required: customer or operator, at whose request the cancellation is withdrawn.");
        }

        if (!TryChannel(input.Channel, out var channel, out var channelFailure))
        {
            return channelFailure;
        }

        var termination = await db.Terminations.FirstOrDefaultAsync(t => t.Id == terminationId, cancellationToken);
        if (termination is null)
        {
            return new Failure.NotFound($"There is no termination with id '{terminationId}'.");
        }

        if (termination.State != TerminationState.Pending)
        {
            return new Failure.Conflict(termination.State == TerminationState.Completed
                ? $"Termination {termination.Reference} has taken effect; the subscription has ended."
                : $"Termination {termination.Reference} was already withdrawn.", new Dictionary<string, object?> { ["state"] = termination.State.ToWireName() });
        }

        var loaded = await LoadAsync(termination.SubscriptionId, tracked: true, cancellationToken);
        var (subscription, _, jurisdiction) = loaded!;
        var now = Now;

        // TP-1: the contract after the withdrawal is the contract before the termination, as the rule book says.
        var before = subscription.ToContractFacts(jurisdiction) with { BindingEnd = termination.BindingEndBefore };
        var after = rules.AfterTerminationWithdrawn(before);
        subscription.BindingEndDate = after.BindingEnd;
        subscription.Status = termination.StatusBefore;
        subscription.UpdatedAt = now;
        termination.State = TerminationState.Revoked;
        termination.RevokedAt = now;
        termination.RevokedAtRequestOf = input.RequestedBy;
        termination.RevokedVia = channel;
        termination.DueAt = null;

        var terms = rules.Leaving(after, Today);
        AddTimeline(termination, now, $"Cancellation of {PlanName(subscription)} withdrawn at the {input.RequestedBy}'s request",
            $"Asked {PromiseEvents.Via(channel)}; reference {termination.Reference}. The subscription runs on with the same terms: " +
            $"{(after.BindingEnd is { } end ? $"binding until {Iso(end)}" : "no binding")}, notice {terms.Notice} (TP-1). {terms.Explanation}", channel,
            StoredText.Of(input.RequestedBy == RequestedByCustomer ? "Timeline.Leaving.RevokedByCustomer" : "Timeline.Leaving.RevokedByOperator",
                StoredText.Value(PlanName(subscription))));
        await db.SaveChangesAsync(cancellationToken);
        return termination;
    }
}
