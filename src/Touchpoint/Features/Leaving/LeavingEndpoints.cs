using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Leaving;

/// <summary>A retention offer as recorded on the customer's timeline.</summary>
public sealed record RetentionOfferView(string Title, DateTime At);

/// <summary>
/// Leaving in every channel (TP-2). <c>/api/leave</c> is the public self-service flow behind the "Cancel or withdraw"
/// page — anonymous, two steps after the code; the rest is for staff on the phone, in chat and in stores. No role
/// can refuse what the law allows: a refusal only ever comes from the contract rules, with the rule named.
/// </summary>
public static class LeavingEndpoints
{
    public static IEndpointRouteBuilder MapLeavingEndpoints(this IEndpointRouteBuilder app)
    {
        var self = app.MapGroup("/api/leave/requests").WithTags("Leaving (self-service)").AllowAnonymous();
        self.MapPost("/", Start)
            .WithSummary("Step 1: name, subscription (number or id) and e-mail or phone. When they match, a one-time code goes to the contact on file; the answer is the same either way.");
        self.MapPost("/{id:guid}/verify", Verify).WithSummary("The code: when right, what leaving means today (withdrawal when open, cancellation with its date and rule).");
        self.MapPost("/{id:guid}/confirm", Confirm).WithSummary("Step 2: confirm a withdrawal or cancellation; the answer is the confirmation to keep (reference, date and time).");

        var staff = app.MapGroup("/api").WithTags("Leaving").RequireAuthorization(Policies.OwnStaff);
        staff.MapGet("/subscriptions/{id:guid}/leaving", Choices).WithSummary("What leaving this subscription means today: withdrawal (open or not, why) and cancellation (date, rule).");
        staff.MapPost("/subscriptions/{id:guid}/cancellation", Cancel).WithSummary("Cancel with notice, as the customer asks in any channel; the subscription is pendingTerminate until the effective date.");
        staff.MapPost("/subscriptions/{id:guid}/withdrawal", Withdraw)
            .WithSummary("Withdraw within the cooling-off period (CRD-9): the subscription ends at once; with change, only that change is withdrawn and its previous plan, price and binding come back. Outside the period a 409 names the rule.");
        staff.MapGet("/subscriptions/{id:guid}/findings", Findings).WithSummary("What was found wrong with the delivered service, newest first, with what the rules decided (EU-105-5).");
        staff.MapPost("/subscriptions/{id:guid}/findings", RecordFinding)
            .WithSummary("Record a finding: notDeliverable (a coverage check, cited or made now), speedBelowContract (measured speeds) or recurringFaults (the fault cases); the rules decide whether it may end free of cost (EU-105-5).");
        staff.MapPost("/subscriptions/{id:guid}/end-without-cost", EndWithoutCost)
            .WithSummary("End free of cost, with nothing of the binding, on the strength of a finding that allows it (EU-105-5); without one a 409 names the rule.");
        staff.MapPost("/subscriptions/{id:guid}/retention-offers", RecordOffer).WithSummary("Record a retention offer and whether the customer took it; declining is one call.");
        staff.MapGet("/terminations", List).WithSummary("Cancellations and withdrawals of a customer (customerId) or subscription (subscriptionId), newest first.");
        staff.MapGet("/terminations/{id:guid}", Get).WithSummary("One cancellation or withdrawal.");
        staff.MapPost("/terminations/{id:guid}/revoke", Revoke)
            .WithSummary("Withdraw a pending cancellation at the customer's or operator's request: same binding end, same notice (TP-1).");
        return app;
    }

    internal static async Task<Results<Accepted<LeaveRequestStarted>, TooManyRequestsProblem, CommandProblem>> Start(
        StartLeaveInput input, SelfServiceLeaving leaving, CurrentActor actor, CancellationToken cancellationToken)
    {
        var address = actor.Get().IpAddress;
        if (await leaving.IsRateLimitedAsync(address, cancellationToken))
        {
            return ProblemResults.TooManyRequests("Too many requests from this address in the last hour. Try again later, or call us: we cancel by phone too.");
        }

        var outcome = await leaving.StartAsync(input, address, cancellationToken);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Accepted($"/api/leave/requests/{outcome.Value!.RequestId}", outcome.Value!);
    }

    internal static async Task<Results<Ok<LeavingChoices>, CommandProblem>> Verify(
        Guid id, VerifyLeaveInput input, SelfServiceLeaving leaving, CancellationToken cancellationToken)
    {
        var outcome = await leaving.VerifyAsync(id, input, cancellationToken);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Ok(outcome.Value!);
    }

    internal static async Task<Results<Created<TerminationView>, CommandProblem>> Confirm(
        Guid id, ConfirmLeaveInput input, SelfServiceLeaving leaving, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await leaving.ConfirmAsync(id, input, cancellationToken);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Created((string?)null, await ViewAsync(db, outcome.Value!.Id, cancellationToken));
    }

    internal static async Task<Results<Ok<LeavingChoices>, CommandProblem>> Choices(Guid id, LeavingCommands leaving, CancellationToken cancellationToken)
    {
        var outcome = await leaving.ChoicesAsync(id, cancellationToken);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Ok(outcome.Value!);
    }

    internal static async Task<Results<Created<TerminationView>, CommandProblem>> Cancel(
        Guid id, CancelInput input, LeavingCommands leaving, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await leaving.CancelAsync(id, input, null, cancellationToken);
        return outcome.Failure is { } failure
            ? failure.ToResult()
            : TypedResults.Created($"/api/terminations/{outcome.Value!.Id}", await ViewAsync(db, outcome.Value.Id, cancellationToken));
    }

    internal static async Task<Results<Created<TerminationView>, CommandProblem>> Withdraw(
        Guid id, WithdrawInput input, LeavingCommands leaving, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await leaving.WithdrawAsync(id, input, null, cancellationToken);
        return outcome.Failure is { } failure
            ? failure.ToResult()
            : TypedResults.Created($"/api/terminations/{outcome.Value!.Id}", await ViewAsync(db, outcome.Value.Id, cancellationToken));
    }

    internal static async Task<Results<Ok<List<FindingView>>, CommandProblem>> Findings(
        Guid id, NonConformityFindings findings, CancellationToken cancellationToken)
    {
        var outcome = await findings.ListAsync(id, cancellationToken);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Ok(outcome.Value!);
    }

    internal static async Task<Results<Created<FindingView>, CommandProblem>> RecordFinding(
        Guid id, RecordFindingInput input, NonConformityFindings findings, CancellationToken cancellationToken)
    {
        var outcome = await findings.RecordAsync(id, input, cancellationToken);
        return outcome.Failure is { } failure
            ? failure.ToResult()
            : TypedResults.Created($"/api/subscriptions/{id}/findings", FindingView.Of(outcome.Value!));
    }

    internal static async Task<Results<Created<TerminationView>, CommandProblem>> EndWithoutCost(
        Guid id, EndWithoutCostInput input, LeavingCommands leaving, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await leaving.EndWithoutCostAsync(id, input, null, cancellationToken);
        return outcome.Failure is { } failure
            ? failure.ToResult()
            : TypedResults.Created($"/api/terminations/{outcome.Value!.Id}", await ViewAsync(db, outcome.Value.Id, cancellationToken));
    }

    internal static async Task<Results<Created<RetentionOfferView>, CommandProblem>> RecordOffer(
        Guid id, RetentionOfferInput input, LeavingCommands leaving, CancellationToken cancellationToken)
    {
        var outcome = await leaving.RecordRetentionOfferAsync(id, input, cancellationToken);
        return outcome.Failure is { } failure
            ? failure.ToResult()
            : TypedResults.Created((string?)null, new RetentionOfferView(outcome.Value!.Title, outcome.Value.At));
    }

    internal static async Task<Results<Ok<List<TerminationView>>, ValidationProblem>> List(
        Guid? customerId, Guid? subscriptionId, int? offset, int? limit, HttpResponse response, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        if (!Page.TryCreate(offset, limit, out var page, out var problem))
        {
            return problem!;
        }

        if (customerId is null && subscriptionId is null)
        {
            return ProblemResults.Invalid("customerId", "customerId or subscriptionId is required.");
        }

        var query = db.Terminations.AsNoTracking();
        if (customerId is { } customer)
        {
            query = query.Where(t => t.CustomerId == customer);
        }

        if (subscriptionId is { } subscription)
        {
            query = query.Where(t => t.SubscriptionId == subscription);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await LeavingCommands.ViewsAsync(db, query.OrderByDescending(t => t.RequestedAt).ThenByDescending(t => t.Id).Skip(page.Offset).Take(page.Limit), cancellationToken);
        Page.WriteHeaders(response, total, items.Count);
        return TypedResults.Ok(items);
    }

    internal static async Task<Results<Ok<TerminationView>, NotFoundProblem>> Get(Guid id, TouchpointDbContext db, CancellationToken cancellationToken) =>
        await FindViewAsync(db, id, cancellationToken) is { } view ? TypedResults.Ok(view) : ProblemResults.NotFound($"There is no termination with id '{id}'.");

    internal static async Task<Results<Ok<TerminationView>, CommandProblem>> Revoke(
        Guid id, RevokeTerminationInput input, LeavingCommands leaving, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await leaving.RevokeAsync(id, input, cancellationToken);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Ok(await ViewAsync(db, id, cancellationToken));
    }

    private static async Task<TerminationView> ViewAsync(TouchpointDbContext db, Guid id, CancellationToken cancellationToken) =>
        (await FindViewAsync(db, id, cancellationToken))!;

    private static async Task<TerminationView?> FindViewAsync(TouchpointDbContext db, Guid id, CancellationToken cancellationToken) =>
        (await LeavingCommands.ViewsAsync(db, db.Terminations.AsNoTracking().Where(t => t.Id == id), cancellationToken)).SingleOrDefault();
}
