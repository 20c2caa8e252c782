using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Platform;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Customers;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Promises;

public sealed record MakePromiseInput(
    Guid? CustomerId,
    string? Kind,
    DateTime? DueAt,
    string? OwnerUserId,
    string? MadeVia,
    string? Description,
    Guid? SubscriptionId,
    string? CaseRef,
    decimal? RefundAmount,
    string? RefundCurrency,
    string? OwnerQueue = null);

/// <param name="ToldVia">The channel the customer was told through.</param>
/// <param name="ToldAt">When they were told; now when left out.</param>
/// <param name="Text">What they were told, in the words used.</param>
public sealed record WithdrawPromiseInput(string? ToldVia, DateTime? ToldAt, string? Text);

/// <summary>An act that is not a contact: a technician visit reported done, a refund booked.</summary>
/// <param name="Act"><c>technicianVisitDone</c> or <c>refundRecorded</c>.</param>
/// <param name="Currency">The refund's currency; the promised one when left out.</param>
public sealed record RecordActInput(string? Act, DateTime? OccurredAt, decimal? Amount, string? Currency);

/// <summary>Makes, withdraws and keeps promises; each change goes on the customer's timeline in the same transaction.</summary>
public sealed partial class PromiseCommands(
    TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor, PromiseWatch watch, PromiseKeeping keeping, OwnerOnlyCheck ownerOnly)
{
    public const string TechnicianVisitDone = "technicianVisitDone";
    public const string RefundRecorded = "refundRecorded";

    private static readonly string[] OwnStaffRoles = [Roles.Agent, Roles.TeamLead, Roles.Admin];

    public async Task<Outcome<PromiseRecord>> MakeAsync(MakePromiseInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = Now;
        if (input.CustomerId is not { } customerId)
        {
            return new Failure.Invalid("customerId", "customerId is required: the customer the promise was made to.");
        }

        if (!PromiseKinds.TryParse(input.Kind, out var kind, out var kindError))
        {
            return new Failure.Invalid("kind", kindError);
        }

        // Left out, it is where the caller works: a store clerk promises in store.
        var madeViaText = string.IsNullOrWhiteSpace(input.MadeVia) ? await OwnChannelAsync(cancellationToken) : input.MadeVia;
        if (!InteractionChannels.TryParse(madeViaText, out var madeVia, out var channelError))
        {
            return new Failure.Invalid("madeVia", channelError);
        }

        var description = input.Description?.Trim();
        if (string.IsNullOrEmpty(description) || description.Length > PromiseRecord.MaxDescriptionLength)
        {
            return new Failure.Invalid("description",
                $"description is required: what the customer was told, in the words used (at most {PromiseRecord.MaxDescriptionLength} characters).");
        }

        if (input.DueAt is not { } dueAt)
        {
            return new Failure.Invalid("dueAt", "dueAt is required: when the customer can expect it (UTC).");
        }

        var caseRef = string.IsNullOrWhiteSpace(input.CaseRef) ? null : input.CaseRef.Trim();
        if (caseRef is { Length: > PromiseRecord.MaxCaseRefLength })
        {
            return new Failure.Invalid("caseRef", $"caseRef is at most {PromiseRecord.MaxCaseRefLength} characters.");
        }

        var customer = await ResolveCustomerAsync(customerId, cancellationToken);
        if (customer is null)
        {
            return new Failure.Invalid("customerId", $"There is no customer with id '{customerId}'.");
        }

        var owner = await OwnerOfNewAsync(input, cancellationToken);
        if (owner.Failure is { } ownerFailure)
        {
            return ownerFailure;
        }

        var (ownerId, ownerName, queueId) = owner.Value;
        var callerId = CallerId;

        if (input.SubscriptionId is { } subscriptionId
            && !await db.Subscriptions.AnyAsync(s => s.Id == subscriptionId && s.CustomerId == customer.Id, cancellationToken))
        {
            return new Failure.Invalid("subscriptionId", $"Subscription {subscriptionId} is not one of this customer's.");
        }

        var refund = RefundOf(input, customer);
        if (refund.Failure is { } refundFailure)
        {
            return refundFailure;
        }

        var promise = new Promise
        {
            Kind = kind,
            CustomerId = customer.Id,
            OwnerUserId = ownerId,
            MadeByUserId = callerId,
            MadeVia = madeVia,
            MadeAt = now,
            DueAt = AsUtc(dueAt),
            SubscriptionId = input.SubscriptionId,
            CaseRef = caseRef,
            RefundAmount = refund.Value,
        };
        if (!promise.TryValidateNew(now, out var error, out var property))
        {
            return new Failure.Invalid(FieldOf(property), error);
        }

        var record = PromiseRecord.From(promise, description, currentActor.Get().DisplayName, watch, now);
        record.OwnerQueueId = queueId;
        db.Promises.Add(record);
        new PromiseEvents(db).Made(record, ownerName);
        await db.SaveChangesAsync(cancellationToken);
        return record;
    }

    public async Task<Outcome<PromiseRecord>> WithdrawAsync(Guid id, WithdrawPromiseInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = Now;
        var record = await db.Promises.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (record is null)
        {
            return NotFound(id);
        }

        var withdrawal = WithdrawalOf(input, now);
        if (withdrawal.Failure is { } invalid)
        {
            return invalid;
        }

        // Calling a promise off is its owner's decision; keeping it late or settling a broken one is anyone's who serves the customer.
        if (await ownerOnly.RefuseAsync(record, cancellationToken) is { } notTheirs)
        {
            return notTheirs;
        }

        if (!record.ToDomain().TryWithdraw(withdrawal.Value, now, out var withdrawn, out var error, out var property))
        {
            return property switch
            {
                nameof(PromiseWithdrawal.ToldVia) => new Failure.Invalid("toldVia", error),
                nameof(PromiseWithdrawal.ToldAt) => new Failure.Invalid("toldAt", error),
                nameof(PromiseWithdrawal.ToldText) => new Failure.Invalid("text", error),
                // Not open any more, the due time passed, or nobody told the customer: the promise stands as it is.
                _ => new Failure.Conflict(error, new Dictionary<string, object?> { ["state"] = record.State.ToWireName() }),
            };
        }

        record.Apply(withdrawn, watch, now);
        new PromiseEvents(db).Withdrawn(record, currentActor.Get().DisplayName);
        return await SaveAsync(record, cancellationToken);
    }

    /// <summary>The customer was told a broken promise will not be done and agreed to something else: no longer owed.</summary>
    public async Task<Outcome<PromiseRecord>> SettleAsync(Guid id, WithdrawPromiseInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = Now;
        var record = await db.Promises.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (record is null)
        {
            return NotFound(id);
        }

        var told = WithdrawalOf(input, now);
        if (told.Failure is { } invalid)
        {
            return invalid;
        }

        if (!record.ToDomain().TrySettle(told.Value, now, out var settled, out var error, out var property))
        {
            return property switch
            {
                nameof(PromiseWithdrawal.ToldVia) => new Failure.Invalid("toldVia", error),
                nameof(PromiseWithdrawal.ToldAt) => new Failure.Invalid("toldAt", error),
                nameof(PromiseWithdrawal.ToldText) => new Failure.Invalid("text", error),
                _ => new Failure.Conflict(error, new Dictionary<string, object?> { ["state"] = record.State.ToWireName() }),
            };
        }

        record.Apply(settled, watch, now);
        new PromiseEvents(db).Settled(record, currentActor.Get().DisplayName);
        return await SaveAsync(record, cancellationToken);
    }

    /// <summary>Records an act that is not a contact against one promise; the domain decides whether it keeps it.</summary>
    public async Task<Outcome<PromiseRecord>> RecordActAsync(Guid id, RecordActInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = Now;
        var record = await db.Promises.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (record is null)
        {
            return NotFound(id);
        }

        var occurredAt = input.OccurredAt is { } given ? AsUtc(given) : now;
        if (occurredAt > now)
        {
            return new Failure.Invalid("occurredAt", "occurredAt is in the future: record an act once it is done.");
        }

        PromiseAct act;
        switch (input.Act?.Trim())
        {
            case TechnicianVisitDone:
                act = new TechnicianVisitDoneAct(record.CustomerId, occurredAt) { SubscriptionId = record.SubscriptionId, CaseRef = record.CaseRef };
                break;

            case RefundRecorded:
                var currencyText = input.Currency ?? record.RefundCurrency?.ToWireName();
                if (!Currencies.TryParse(currencyText, out var currency, out var currencyError))
                {
                    return new Failure.Invalid("currency", currencyError);
                }

                if (input.Amount is not { } amount || !Money.TryCreate(amount, currency, out var money) || !money.IsPositive)
                {
                    return new Failure.Invalid("amount", "amount is required: the refund booked, above zero, with at most two decimals.");
                }

                act = new RefundRecordedAct(record.CustomerId, occurredAt, money) { SubscriptionId = record.SubscriptionId, CaseRef = record.CaseRef };
                break;

            default:
                return new Failure.Invalid("act",
                    $"act must be {TechnicianVisitDone} or {RefundRecorded}. A callback or written reply is kept by recording the call or "
                    + "the e-mail as an interaction (POST /api/interactions); ticking a promise off is not keeping it.");
        }

        var (applied, reason) = await keeping.ApplyToAsync(record, act, currentActor.Get().DisplayName, cancellationToken);
        if (!applied)
        {
            return new Failure.Conflict(reason, new Dictionary<string, object?> { ["state"] = record.State.ToWireName() });
        }

        return await SaveAsync(record, cancellationToken);
    }

    /// <summary>The JSON field of a <see cref="Promise"/> property the domain found at fault.</summary>
    private static string FieldOf(string property) => property switch
    {
        nameof(Promise.MadeAt) or nameof(Promise.DueAt) => "dueAt",
        nameof(Promise.MadeByUserId) => "ownerUserId",
        _ => JsonNamingPolicy.CamelCase.ConvertName(property),
    };

    private static Outcome<Money?> RefundOf(MakePromiseInput input, Customer customer)
    {
        if (input.RefundAmount is not { } amount)
        {
            return input.RefundCurrency is null ? (Money?)null : new Failure.Invalid("refundCurrency", "refundCurrency goes with refundAmount.");
        }

        Currency currency;
        if (input.RefundCurrency is null)
        {
            // Compensation is paid where the customer's contract is, never converted.
            currency = Jurisdictions.TryParse(customer.Jurisdiction, out var jurisdiction, out _) ? jurisdiction.LocalCurrency() : Currency.EUR;
        }
        else if (!Currencies.TryParse(input.RefundCurrency, out currency, out var currencyError))
        {
            return new Failure.Invalid("refundCurrency", currencyError);
        }

        return Money.TryCreate(amount, currency, out var money)
            ? money
            : new Failure.Invalid("refundAmount", "refundAmount has at most two decimals.");
    }

    private Outcome<PromiseWithdrawal?> WithdrawalOf(WithdrawPromiseInput input, DateTime now)
    {
        if (input.ToldVia is null && string.IsNullOrWhiteSpace(input.Text))
        {
            // Nothing says the customer was told; the domain refuses that as a conflict, not a typo.
            return (PromiseWithdrawal?)null;
        }

        if (!InteractionChannels.TryParse(input.ToldVia, out var toldVia, out var channelError))
        {
            return new Failure.Invalid("toldVia", channelError);
        }

        var text = input.Text?.Trim() ?? "";
        if (text.Length > PromiseRecord.MaxToldTextLength)
        {
            return new Failure.Invalid("text", $"text is at most {PromiseRecord.MaxToldTextLength} characters.");
        }

        return new PromiseWithdrawal(toldVia, input.ToldAt is { } toldAt ? AsUtc(toldAt) : now, text, CallerId);
    }

    private async Task<Outcome<PromiseRecord>> SaveAsync(PromiseRecord record, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return record;
        }
        catch (DbUpdateConcurrencyException)
        {
            // The watcher (or someone else) changed the promise between our read and our write; theirs stands.
            return new Failure.Conflict("The promise changed while this request was handled (it may have just broken); load it again.");
        }
    }

    /// <summary>A customer merged into another resolves to the survivor, where the history now is.</summary>
    private async Task<Customer?> ResolveCustomerAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        for (var hops = 0; customer is { Status: CustomerStatus.Merged, MergedIntoId: { } next } && hops < 10; hops++)
        {
            customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == next, cancellationToken);
        }

        return customer;
    }

    /// <summary>The display name of a member of the operator's own staff; null for anyone else.</summary>
    private Task<string?> OwnStaffNameAsync(string userId, CancellationToken cancellationToken) =>
        (from user in db.Users
         where user.Id == userId
               && db.UserRoles.Any(ur => ur.UserId == user.Id && db.Roles.Any(r => r.Id == ur.RoleId && OwnStaffRoles.Contains(r.Name!)))
         select user.DisplayName != "" ? user.DisplayName : user.UserName).FirstOrDefaultAsync(cancellationToken);


    private static Failure.NotFound NotFound(Guid id) => new($"There is no promise with id '{id}'.");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private string CallerId =>
        currentActor.Get().UserId ?? throw new InvalidOperationException("Promises are made by a signed-in user.");

    internal static DateTime AsUtc(DateTime value) => value.Kind switch
    {
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };
}
