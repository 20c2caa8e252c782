using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Platform;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Cases;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Promises;

public sealed record PromiseWithdrawalView(string ToldVia, DateTime ToldAt, string Text, string WithdrawnByUserId);

public sealed record PromiseView(
    Guid Id, Guid CustomerId, string Kind, string State, string Description, string OwnerUserId, string OwnerName,
    string MadeByUserId, string MadeByName, string MadeVia, DateTime MadeAt, DateTime DueAt, Guid? SubscriptionId, string? CaseRef,
    decimal? RefundAmount, string? RefundCurrency, DateTime? WarnedAt, DateTime? FulfilledAt, Guid? FulfilledByInteractionId,
    bool KeptLate, PromiseWithdrawalView? Withdrawal, bool Owed = false, bool Settled = false, PromiseQueueView? WaitingIn = null)
{
    /// <summary>Who has the promise, as pages say it: the queue while it waits in one, else its owner.</summary>
    [JsonIgnore]
    public string Holder => WaitingIn is { } queue ? $"{queue.Name} queue" : OwnerName;
}

/// <summary>The team queue a promise waits in until a member picks it up; its lead is the owner meanwhile.</summary>
public sealed record PromiseQueueView(string Id, string Name);

/// <param name="Rate">kept / (kept + broken), 0–1; null when nothing in the period has an outcome yet.</param>
public sealed record KeptRateView(int Kept, int Broken, int KeptLate, int Withdrawn, int NotYetDue, decimal? Rate)
{
    public static KeptRateView Of(KeptRate rate)
    {
        ArgumentNullException.ThrowIfNull(rate);
        return new(rate.Kept, rate.Broken, rate.KeptLate, rate.Withdrawn, rate.NotYetDue, rate.Rate);
    }
}

public sealed record PersonKeptRateView(string UserId, string Name, KeptRateView KeptRate);

/// <param name="Team">All of <paramref name="People"/> together.</param>
public sealed record KeptRatesView(DateTime From, DateTime To, KeptRateView Team, IReadOnlyList<PersonKeptRateView> People);

/// <summary>
/// Promises to customers (S4-2) for the operator's own staff. There is no "mark kept": a promise is kept by the act
/// that fulfils it — a contact recorded through the interactions API, or here a technician visit or refund.
/// </summary>
public static class PromiseEndpoints
{
    public const int DefaultKeptRateDays = 30;

    public static IEndpointRouteBuilder MapPromiseEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/promises").WithTags("Promises").RequireAuthorization(Policies.OwnStaff);
        group.MapPost("/", Make).WithSummary("Record a promise made to a customer, with its due time and owner; it goes on the customer's timeline.");
        group.MapGet("/", List).WithSummary("Promises by customer, owner, state and due time, what falls due first at the top.");
        group.MapGet("/kept-rates", GetKeptRates)
            .RequireAuthorization(policy => policy.RequireRole(Roles.TeamLead, Roles.Admin))
            .WithSummary("Kept-rate per person of the caller's team (an admin sees everyone) for promises due in [from, to).");
        group.MapGet("/{id:guid}", Get).WithSummary("One promise.");
        group.MapPost("/{id:guid}/withdraw", Withdraw).WithSummary("Call off an open promise, recording how the customer was told.");
        group.MapPost("/{id:guid}/claim", Claim).WithSummary("Pick up a promise waiting in a queue you work from; you must keep it from now on.");
        group.MapPost("/{id:guid}/settle", Settle)
            .WithSummary("A broken promise the customer agreed to let go (told how and what instead): no longer owed, still broken in every rate.");
        group.MapPost("/{id:guid}/keep", Keep)
            .WithSummary("Keep a promise by recording the act that fulfils it (technician visit done, refund booked); any other act is a 409.");
        return app;
    }

    internal static async Task<Results<Created<PromiseView>, CommandProblem>> Make(
        MakePromiseInput input, PromiseCommands commands, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await commands.MakeAsync(input, cancellationToken);
        return outcome.Failure is { } failure
            ? failure.ToResult()
            : TypedResults.Created($"/api/promises/{outcome.Value!.Id}", (await LoadViewAsync(db, outcome.Value.Id, cancellationToken))!);
    }

    internal static async Task<Results<Ok<List<PromiseView>>, ValidationProblem>> List(
        Guid? customerId, string? ownerUserId, string? state, DateTime? dueBefore, int? offset, int? limit,
        HttpResponse response, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        if (!Page.TryCreate(offset, limit, out var page, out var problem))
        {
            return problem!;
        }

        var promises = db.Promises.AsNoTracking();
        if (customerId is { } customer)
        {
            promises = promises.Where(p => p.CustomerId == customer);
        }

        if (!string.IsNullOrWhiteSpace(ownerUserId))
        {
            promises = promises.Where(p => p.OwnerUserId == ownerUserId);
        }

        if (state is not null)
        {
            if (!PromiseStates.TryParse(state, out var wanted, out var stateError))
            {
                return ProblemResults.Invalid("state", stateError);
            }

            promises = promises.Where(p => p.State == wanted);
        }

        if (dueBefore is { } before)
        {
            var until = PromiseCommands.AsUtc(before);
            promises = promises.Where(p => p.DueAt < until);
        }

        var total = await promises.CountAsync(cancellationToken);
        var items = await ViewsAsync(db, promises.OrderBy(p => p.DueAt).ThenBy(p => p.Id).Skip(page.Offset).Take(page.Limit), cancellationToken);
        Page.WriteHeaders(response, total, items.Count);
        return TypedResults.Ok(items);
    }

    internal static async Task<Results<Ok<PromiseView>, NotFoundProblem>> Get(Guid id, TouchpointDbContext db, CancellationToken cancellationToken) =>
        await LoadViewAsync(db, id, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : ProblemResults.NotFound($"There is no promise with id '{id}'.");

    internal static async Task<Results<Ok<PromiseView>, CommandProblem>> Withdraw(
        Guid id, WithdrawPromiseInput? input, PromiseCommands commands, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await commands.WithdrawAsync(id, input ?? new WithdrawPromiseInput(null, null, null), cancellationToken);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Ok((await LoadViewAsync(db, id, cancellationToken))!);
    }

    internal static async Task<Results<Ok<PromiseView>, CommandProblem, ForbiddenProblem>> Claim(
        Guid id, PromiseCommands commands, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await commands.ClaimAsync(id, cancellationToken);
        return outcome.Failure switch
        {
            NotAllowed refused => ProblemResults.Forbidden(refused.Message),
            { } failure => failure.ToResult(),
            _ => TypedResults.Ok((await LoadViewAsync(db, id, cancellationToken))!),
        };
    }

    internal static async Task<Results<Ok<PromiseView>, CommandProblem>> Settle(
        Guid id, WithdrawPromiseInput input, PromiseCommands commands, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await commands.SettleAsync(id, input, cancellationToken);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Ok((await LoadViewAsync(db, outcome.Value!.Id, cancellationToken))!);
    }

    internal static async Task<Results<Ok<PromiseView>, CommandProblem>> Keep(
        Guid id, RecordActInput input, PromiseCommands commands, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var outcome = await commands.RecordActAsync(id, input, cancellationToken);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Ok((await LoadViewAsync(db, id, cancellationToken))!);
    }

    internal static async Task<Results<Ok<KeptRatesView>, ValidationProblem>> GetKeptRates(
        DateTime? from, DateTime? to, ClaimsPrincipal principal, TouchpointDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var periodEnd = to is { } end ? PromiseCommands.AsUtc(end) : now;
        if (from is null && periodEnd < DateTime.MinValue.AddDays(DefaultKeptRateDays))
        {
            // The default period reaches back before the calendar begins (to=0001-01-01).
            return ProblemResults.Invalid("to", $"to is too early to count the {DefaultKeptRateDays} days before it; give from as well.");
        }

        var periodStart = from is { } start ? PromiseCommands.AsUtc(start) : periodEnd.AddDays(-DefaultKeptRateDays);
        if (periodEnd <= periodStart)
        {
            return ProblemResults.Invalid("to", "to must be after from.");
        }

        var callerId = principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in user has no id claim.");
        return TypedResults.Ok(await PromiseViews.KeptRatesAsync(db, callerId, principal.IsInRole(Roles.Admin), periodStart, periodEnd, now, cancellationToken));
    }

    public static async Task<PromiseView?> LoadViewAsync(TouchpointDbContext db, Guid id, CancellationToken cancellationToken) =>
        (await ViewsAsync(db, db.Promises.AsNoTracking().Where(p => p.Id == id), cancellationToken)).SingleOrDefault();

    /// <summary>The views of <paramref name="promises"/>, in their order, with the owners' names.</summary>
    public static async Task<List<PromiseView>> ViewsAsync(TouchpointDbContext db, IQueryable<PromiseRecord> promises, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var rows = await promises
            .Select(p => new
            {
                Promise = p,
                Owner = db.Users.Where(u => u.Id == p.OwnerUserId).Select(u => u.DisplayName != "" ? u.DisplayName : u.UserName).FirstOrDefault(),
                Queue = db.WorkQueues.Where(q => q.Id == p.OwnerQueueId).Select(q => q.Name).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => ToView(r.Promise, r.Owner ?? r.Promise.OwnerUserId, r.Queue)).ToList();
    }

    public static PromiseView ToView(PromiseRecord p, string ownerName, string? queueName = null)
    {
        ArgumentNullException.ThrowIfNull(p);
        var promise = p.ToDomain();
        return new(
            p.Id, p.CustomerId, p.Kind.ToWireName(), p.State.ToWireName(), p.Description, p.OwnerUserId, ownerName,
            p.MadeByUserId, p.MadeByName, p.MadeVia.ToWireName(), p.MadeAt, p.DueAt, p.SubscriptionId, p.CaseRef,
            p.RefundAmount, p.RefundCurrency?.ToWireName(), p.WarnedAt, p.FulfilledAt, p.FulfilledByInteractionId,
            promise.IsKeptLate,
            p.WithdrawalToldVia is { } via ? new PromiseWithdrawalView(via.ToWireName(), p.WithdrawalToldAt!.Value, p.WithdrawalText ?? "", p.WithdrawnByUserId ?? "") : null,
            promise.IsOwed, promise.IsSettled,
            p.OwnerQueueId is { } queueId ? new PromiseQueueView(queueId, queueName ?? queueId) : null);
    }
}
