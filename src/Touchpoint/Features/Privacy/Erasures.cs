using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Privacy;
using Touchpoint.Features.Customers;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Privacy;

public sealed record ErasureRequestInput(string? ReceivedVia);

public sealed record ScheduleErasureInput(DateOnly? On);

public sealed record CancelErasureInput(string? Reason);

public sealed record LegalHoldInput(DateOnly? Until, string? Reason);

/// <summary>One kind of record in an erasure plan: how many rows the customer has, and what becomes of them.</summary>
public sealed record PlannedKindView(string Kind, string Title, int Records, string Fate, DateOnly? KeptUntil, string Why);

/// <summary>What an erasure carried out today would do, per kind of record; <see cref="CanBeRequested"/> false says why not in <see cref="Blocker"/>.</summary>
public sealed record ErasurePlanView(Guid CustomerId, DateOnly AsOf, bool CanBeRequested, string? Blocker, IReadOnlyList<PlannedKindView> Kinds);

public sealed record ErasureRequestView(
    Guid Id, Guid CustomerId, string State, string ReceivedVia, DateTime RequestedAt, string RequestedByName, DateOnly AnswerBy,
    DateOnly? ScheduledFor, string? ScheduledByName, DateTime? DoneAt, string? Outcome, DateTime? CancelledAt, string? CancelledByName, string? CancelReason)
{
    public static ErasureRequestView Of(ErasureRequest r)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new(r.Id, r.CustomerId, r.State.ToWireName(), r.ReceivedVia, r.RequestedAt, r.RequestedByName, r.AnswerBy, r.ScheduledFor,
            r.ScheduledByName, r.DoneAt, r.Outcome, r.CancelledAt, r.CancelledByName, r.CancelReason);
    }
}

/// <summary>
/// GDPR Art. 17 as staff handle it: the plan of what an erasure would delete, anonymise or keep and why; the request
/// recorded by whoever heard it; a team lead or an admin giving it a day within the month (or withdrawing it);
/// <see cref="ErasureExecution"/> carrying it out. Admins put a customer's records on legal hold.
/// </summary>
public sealed class Erasures(TouchpointDbContext db, CurrentActor actor, TimeProvider clock, RetentionSettings retention)
{
    /// <summary>The plan as it stands today, with the rows of each kind; null when there is no such customer.</summary>
    public async Task<Outcome<ErasurePlanView>> PlanAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Status, c.MergedIntoId }).FirstOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return NoCustomer(customerId);
        }

        var records = await PersonalDataSections.RecordsOfAsync(db, customerId, cancellationToken);
        var facts = (await PrivacyReviews.FactsAsync(db, customerId, records, cancellationToken))!;
        var today = Today;
        var plan = RecordPlan.ForErasure(retention.Rules, facts, today);
        var kinds = new List<PlannedKindView>();
        foreach (var fate in plan)
        {
            var section = PersonalDataSections.All.Single(s => s.Key == fate.Kind);
            kinds.Add(new PlannedKindView(fate.Kind, section.Title, await section.Rows(db, records).CountAsync(cancellationToken),
                fate.Fate.ToString().ToLowerInvariant(), fate.KeptUntil, fate.Why));
        }

        return new ErasurePlanView(customerId, today, Blocker(customer.Status, facts) is null, Blocker(customer.Status, facts), kinds);
    }

    public async Task<Outcome<ErasureRequest>> RequestAsync(Guid customerId, ErasureRequestInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!InteractionChannels.TryParse(input.ReceivedVia, out var channel, out var error))
        {
            return new Failure.Invalid("receivedVia", input.ReceivedVia is null ? $"receivedVia is required: the channel the customer asked through ({string.Join(", ", InteractionChannels.WireNames)})." : error);
        }

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Status }).FirstOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return NoCustomer(customerId);
        }

        var records = await PersonalDataSections.RecordsOfAsync(db, customerId, cancellationToken);
        if (Blocker(customer.Status, (await PrivacyReviews.FactsAsync(db, customerId, records, cancellationToken))!) is { } blocker)
        {
            return new Failure.Conflict(blocker);
        }

        if (await db.ErasureRequests.AsNoTracking().Where(r => r.CustomerId == customerId && (r.State == ErasureState.Pending || r.State == ErasureState.Scheduled))
                .Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken) is { } open)
        {
            return new Failure.Conflict($"The customer's erasure request {open} is already open; schedule or cancel it.");
        }

        var who = actor.Get();
        var now = Now;
        var request = new ErasureRequest
        {
            CustomerId = customerId,
            ReceivedVia = channel.ToWireName(),
            RequestedAt = now,
            RequestedByUserId = who.UserId ?? throw new InvalidOperationException("Only a signed-in member of staff records an erasure request."),
            RequestedByName = who.DisplayName,
            AnswerBy = DateOnly.FromDateTime(now).AddMonths(1),
            State = ErasureState.Pending,
        };
        db.ErasureRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        return request;
    }

    /// <summary>Gives a pending request its day: today or later, and no later than the month the law allows.</summary>
    public Task<Outcome<ErasureRequest>> ScheduleAsync(Guid id, ScheduleErasureInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeAsync(id, request =>
        {
            var today = Today;
            if (input.On is not { } on)
            {
                return new Failure.Invalid("on", $"on is required: the day to carry the erasure out, {today:yyyy-MM-dd} to {request.AnswerBy:yyyy-MM-dd}.");
            }

            if (request.State != ErasureState.Pending)
            {
                return new Failure.Conflict($"The request is {request.State.ToWireName()}; only a pending request is scheduled.");
            }

            if (on < today || on > request.AnswerBy)
            {
                return new Failure.Invalid("on", $"The erasure must be carried out between today ({today:yyyy-MM-dd}) and {request.AnswerBy:yyyy-MM-dd}, a month after the request (GDPR Art. 12(3)).");
            }

            request.State = ErasureState.Scheduled;
            request.ScheduledFor = on;
            request.ScheduledByName = actor.Get().DisplayName;
            var start = on.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            request.DueAt = start < Now ? Now : start;
            return null;
        }, cancellationToken);
    }

    public Task<Outcome<ErasureRequest>> CancelAsync(Guid id, CancelErasureInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ChangeAsync(id, request =>
        {
            if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Length > ErasureRequest.ReasonLength)
            {
                return new Failure.Invalid("reason", $"reason is required (at most {ErasureRequest.ReasonLength} characters): why the customer's request is withdrawn.");
            }

            if (request.State is not (ErasureState.Pending or ErasureState.Scheduled))
            {
                return new Failure.Conflict($"The request is {request.State.ToWireName()}; only a pending or scheduled request can be cancelled.");
            }

            request.State = ErasureState.Cancelled;
            request.DueAt = null;
            request.CancelledAt = Now;
            request.CancelledByName = actor.Get().DisplayName;
            request.CancelReason = input.Reason.Trim();
            return null;
        }, cancellationToken);
    }

    /// <summary>
    /// Changes a request while holding it, so a step never races <see cref="ErasureExecution"/> carrying it out: a
    /// request cancelled as it runs is either cancelled before or found done after.
    /// </summary>
    private async Task<Outcome<ErasureRequest>> ChangeAsync(Guid id, Func<ErasureRequest, Failure?> change, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var request = (await db.LockAsync(db.ErasureRequests.Where(r => r.Id == id), cancellationToken)).SingleOrDefault();
        if (request is null)
        {
            return new Failure.NotFound($"There is no erasure request {id}.");
        }

        if (change(request) is { } failure)
        {
            return failure;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return request;
    }

    /// <summary>Puts the customer's records on legal hold until a day: nothing of his is deleted or anonymised before it ends.</summary>
    public async Task<Outcome<Customer>> HoldAsync(Guid customerId, LegalHoldInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return NoCustomer(customerId);
        }

        if (input.Until is not { } until || until < Today)
        {
            return new Failure.Invalid("until", "until is required: the last day of the hold, today or later.");
        }

        if (string.IsNullOrWhiteSpace(input.Reason) || input.Reason.Length > CustomerConfiguration.LegalHoldReasonLength)
        {
            return new Failure.Invalid("reason", $"reason is required (at most {CustomerConfiguration.LegalHoldReasonLength} characters): the authority's request or the case that needs the records.");
        }

        customer.LegalHoldUntil = until;
        customer.LegalHoldReason = input.Reason.Trim();
        await db.SaveChangesAsync(cancellationToken);
        return customer;
    }

    public async Task<Outcome<Customer>> ReleaseAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return NoCustomer(customerId);
        }

        customer.LegalHoldUntil = null;
        customer.LegalHoldReason = null;
        // What the hold kept may be due now.
        customer.PrivacyReviewAt ??= Now;
        await db.SaveChangesAsync(cancellationToken);
        return customer;
    }

    /// <summary>Why no erasure may be requested now, or null.</summary>
    private static string? Blocker(CustomerStatus status, PrivacyFacts facts) =>
        status == CustomerStatus.Merged ? "The record was merged into another customer; ask for the erasure of the customer it was merged into."
        : facts.RelationshipEnded is null ? "The customer has a contract in force: its records are needed to perform it. End the contract first, then erase what the law does not keep."
        : null;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    private static Failure.NotFound NoCustomer(Guid id) => new($"There is no customer with id '{id}'.");
}
