using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Interactions;

public sealed record InteractionView(
    Guid Id, Guid CustomerId, DateTime OccurredAt, string Channel, string Direction, string ActingParty, string? PartnerAgency,
    string AgentName, int? DurationSeconds, string Reason, string Summary, Guid? SubscriptionId, string? OfferRef, string? CaseRef, string? OrderRef);

public static class InteractionEndpoints
{
    public static IEndpointRouteBuilder MapInteractionEndpoints(this IEndpointRouteBuilder app)
    {
        // Partner agents record their own contacts too: that is how a customer can see the agency, not the operator, called (S0-1).
        app.MapPost("/api/interactions", Record)
            .WithTags("Interactions")
            .RequireAuthorization(Policies.People)
            .WithSummary("Record a contact with a customer in any channel; it appears on the customer's timeline.");
        return app;
    }

    internal static async Task<Results<Created<InteractionView>, CommandProblem>> Record(
        RecordInteractionInput input, InteractionCommands commands, CancellationToken cancellationToken)
    {
        var outcome = await commands.RecordAsync(input, cancellationToken);
        return outcome.Failure is { } failure
            ? failure.ToResult()
            : TypedResults.Created($"/tmf-api/partyInteraction/v4/partyInteraction/{outcome.Value!.Id}", ToView(outcome.Value));
    }

    public static InteractionView ToView(Interaction i) => new(
        i.Id, i.CustomerId, i.OccurredAt, i.Channel.ToWireName(), i.Direction.ToWireName(), i.PartnerAgencyName is null ? "operator" : "partnerAgency", i.PartnerAgencyName,
        i.AgentName, i.DurationSeconds, i.Reason, i.Summary, i.SubscriptionId, i.OfferRef, i.CaseRef, i.OrderRef);
}
