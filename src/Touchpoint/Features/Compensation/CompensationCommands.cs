using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Promises;
using Touchpoint.Hosting;
using UserInbox = Touchpoint.Features.Inbox.Inbox;

namespace Touchpoint.Features.Compensation;

/// <param name="Kind">daysWithoutService, missedTechnicianAppointment, brokenPromise or portingDelay.</param>
/// <param name="Days">For daysWithoutService and portingDelay.</param>
/// <param name="MonthlyPrice">For daysWithoutService: the affected subscription's monthly price, in the customer's currency.</param>
/// <param name="PromiseKind">For brokenPromise: what was promised (callback, writtenReply, …).</param>
public sealed record HarmInput(string? Kind, int? Days, decimal? MonthlyPrice, string? PromiseKind);

/// <summary>There is deliberately no segment or customer value here: the proposal is the same for every customer (S0-7).</summary>
public sealed record ProposalInput(Guid? CustomerId, IReadOnlyList<HarmInput?>? Harms);

/// <param name="Currency">The customer's currency when left out; any other is refused.</param>
/// <param name="Harms">What went wrong, optional: the policy's proposal for them is kept with the compensation.</param>
/// <param name="Channel">Where the customer is being served; the promise of an answer is made there. Phone when left out.</param>
public sealed record RequestCompensationInput(
    Guid? CustomerId, Guid? CaseId, decimal? Amount, string? Currency, string? Reason, IReadOnlyList<HarmInput?>? Harms, string? Channel);

public sealed record DecideCompensationInput(string? Note);

public sealed record CompensationLineView(string Explanation, decimal Amount, string Currency, string? RuleId);

/// <param name="YourMandate">The most the caller may grant alone, in the customer's currency.</param>
/// <param name="ApproverRole">When the total is above the caller's mandate: the lowest role that may approve it.</param>
public sealed record ProposalView(
    Guid CustomerId, decimal Total, string Currency, IReadOnlyList<CompensationLineView> Lines, decimal YourMandate, bool WithinYourMandate, string? ApproverRole);

/// <summary>
/// Proposes, grants, requests and decides compensation (S3-3). Every rule is the domain's: the policy proposes, the
/// mandates decide whether the requester may grant at once and who may approve. Each step writes its timeline entry,
/// notification and (for a request above the mandate) the customer's promise of an answer in one transaction.
/// </summary>
public sealed class CompensationCommands(
    TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor, CompensationMandates mandates, CompensationPolicy policy, PromiseCommands promises)
{
    public const int MaxHarms = 20;

    private static readonly string HarmKinds = string.Join(", ", DaysWithoutServiceKind, MissedAppointmentKind, BrokenPromiseKind, PortingDelayKind);

    private const string DaysWithoutServiceKind = "daysWithoutService";
    private const string MissedAppointmentKind = "missedTechnicianAppointment";
    private const string BrokenPromiseKind = "brokenPromise";
    private const string PortingDelayKind = "portingDelay";

    public async Task<Outcome<ProposalView>> ProposeAsync(ProposalInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.CustomerId is not { } customerId)
        {
            return new Failure.Invalid("customerId", "customerId is required: the proposal is in the customer's currency.");
        }

        var found = await CustomerAsync(customerId, cancellationToken);
        if (found.Failure is { } customerFailure)
        {
            return customerFailure;
        }

        var (customer, jurisdiction) = found.Value;
        var harms = HarmsOf(input.Harms, jurisdiction);
        if (harms.Failure is { } harmFailure)
        {
            return harmFailure;
        }

        if (!policy.TryPropose(jurisdiction, harms.Value!, out var proposal, out var error))
        {
            return new Failure.Invalid("harms", error);
        }

        var mandate = mandates.MandateOf(await MandateHolders.RolesAsync(db, CallerId, cancellationToken), proposal.Total.Currency);
        var within = !proposal.Total.Exceeds(mandate);
        return new ProposalView(
            customer.Id, proposal.Total.Amount, proposal.Total.Currency.ToWireName(),
            [.. proposal.Lines.Select(l => new CompensationLineView(l.Explanation, l.Amount.Amount, l.Amount.Currency.ToWireName(), l.RuleId))],
            mandate.Amount, within, within ? null : mandates.LowestRoleCovering(proposal.Total));
    }

    /// <summary>
    /// Grants at once within the caller's mandate; above it, asks the lowest role that may approve and promises the
    /// customer a written answer; beyond every mandate, refuses (409) saying so.
    /// </summary>
    public async Task<Outcome<CompensationRecord>> RequestAsync(RequestCompensationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        if (input.CustomerId is not { } customerId)
        {
            return new Failure.Invalid("customerId", "customerId is required: the customer to compensate.");
        }

        if (input.Amount is not { } amount)
        {
            return new Failure.Invalid("amount", "amount is required: what the customer gets, in their currency (e.g. 350).");
        }

        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length > CompensationRecord.MaxReasonLength)
        {
            return new Failure.Invalid("reason", $"reason is at most {CompensationRecord.MaxReasonLength} characters.");
        }

        var channel = InteractionChannel.Phone;
        if (input.Channel is not null && !InteractionChannels.TryParse(input.Channel, out channel, out var channelError))
        {
            return new Failure.Invalid("channel", channelError);
        }

        Currency? givenCurrency = null;
        if (input.Currency is not null)
        {
            if (!Currencies.TryParse(input.Currency, out var parsed, out var currencyError))
            {
                return new Failure.Invalid("currency", currencyError);
            }

            givenCurrency = parsed;
        }

        var found = await CustomerAsync(customerId, cancellationToken);
        if (found.Failure is { } customerFailure)
        {
            return customerFailure;
        }

        var (customer, jurisdiction) = found.Value;
        if (!Money.TryCreate(amount, givenCurrency ?? jurisdiction.LocalCurrency(), out var money))
        {
            return new Failure.Invalid("amount", "amount has at most two decimals: the smallest unit is 0.01.");
        }

        Case? @case = null;
        if (input.CaseId is { } caseId)
        {
            @case = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == caseId, cancellationToken);
            if (@case is null || @case.CustomerId != customer.Id)
            {
                return new Failure.Invalid("caseId", $"There is no case with id '{caseId}' of this customer.");
            }
        }

        var summary = "";
        if (input.Harms is { Count: > 0 })
        {
            var harms = HarmsOf(input.Harms, jurisdiction);
            if (harms.Failure is { } harmFailure)
            {
                return harmFailure;
            }

            if (!policy.TryPropose(jurisdiction, harms.Value!, out var proposal, out var proposalError))
            {
                return new Failure.Invalid("harms", proposalError);
            }

            summary = Clip(SummaryOf(proposal), CompensationRecord.MaxSummaryLength);
        }

        var actor = currentActor.Get();
        var callerId = CallerId;
        var request = new CompensationRequest(customer.Id, jurisdiction, money, reason, callerId, now) { CaseRef = @case?.Reference };
        if (!request.TryValidate(out var invalid))
        {
            return new Failure.Invalid(FieldAtFault(request), invalid);
        }

        var decision = mandates.Decide(request, await MandateHolders.RolesAsync(db, callerId, cancellationToken));
        var record = new CompensationRecord
        {
            CustomerId = customer.Id,
            CaseId = @case?.Id,
            Amount = money.Amount,
            Currency = money.Currency,
            Reason = reason,
            Summary = summary,
            RequestedByUserId = callerId,
            RequestedByName = actor.DisplayName,
            RequestedAt = now,
        };
        var caseNote = @case is null ? "" : $" Case {@case.Reference}.";
        switch (decision.Outcome)
        {
            case CompensationOutcome.Granted:
                record.Status = CompensationStatus.Granted;
                record.DecidedByUserId = callerId;
                record.DecidedByName = actor.DisplayName;
                record.DecidedAt = now;
                db.Compensations.Add(record);
                AddTimeline(record, now, $"Compensation granted: {Amount(money)} — {reason}",
                    Lines($"Granted by {actor.DisplayName} within their mandate of {Amount(decision.RequesterMandate)}.{caseNote}", summary), actor.DisplayName, channel);
                await db.SaveChangesAsync(cancellationToken);
                return record;

            case CompensationOutcome.NeedsApproval:
                return await RequestApprovalAsync(record, decision, customer, channel, @case, cancellationToken);

            default:
                return new Failure.Conflict(decision.Explanation, new Dictionary<string, object?>
                {
                    ["yourMandate"] = decision.RequesterMandate.Amount,
                    ["highestMandate"] = mandates.All.Where(m => m.Maximum.Currency == money.Currency).Select(m => (decimal?)m.Maximum.Amount).Max(),
                    ["currency"] = money.Currency.ToWireName(),
                });
        }
    }

    /// <summary>
    /// Approves (<paramref name="approve"/>) or refuses a pending request. Only someone other than the requester whose
    /// mandate covers the amount may do either (403 otherwise); the requester hears of it, and the customer's timeline shows it.
    /// </summary>
    public async Task<Outcome<CompensationRecord>> DecideAsync(Guid id, bool approve, DecideCompensationInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = clock.GetUtcNow().UtcDateTime;
        var note = input.Note?.Trim() ?? "";
        if (note.Length > CompensationRecord.MaxNoteLength)
        {
            return new Failure.Invalid("note", $"note is at most {CompensationRecord.MaxNoteLength} characters.");
        }

        if (!approve && note.Length == 0)
        {
            return new Failure.Invalid("note", "A refusal needs a note: the customer is told why.");
        }

        var record = await db.Compensations.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (record is null)
        {
            return NotFound(id);
        }

        if (record.Status != CompensationStatus.PendingApproval)
        {
            return new Failure.Conflict(
                $"This compensation is {record.Status.ToWireName()}; only one pending approval can be approved or refused.",
                new Dictionary<string, object?> { ["compensationStatus"] = record.Status.ToWireName() });
        }

        var customer = await db.Customers.AsNoTracking().FirstAsync(c => c.Id == record.CustomerId, cancellationToken);
        var jurisdiction = JurisdictionOf(customer);
        var request = new CompensationRequest(record.CustomerId, jurisdiction, record.Money, record.Reason, record.RequestedByUserId, record.RequestedAt);
        var callerId = CallerId;
        if (!mandates.TryApprove(request, callerId, await MandateHolders.RolesAsync(db, callerId, cancellationToken), out var refusal))
        {
            return new NotAllowed(refusal);
        }

        var actor = currentActor.Get();
        record.Status = approve ? CompensationStatus.Approved : CompensationStatus.Refused;
        record.DecidedByUserId = callerId;
        record.DecidedByName = actor.DisplayName;
        record.DecidedAt = now;
        record.DecisionNote = note.Length == 0 ? null : note;
        record.Version++;

        var amount = Amount(record.Money);
        var verdict = approve ? "approved" : "refused";
        var promised = record.AnswerDueAt is { } due ? $"The customer was promised a written answer by {When(due)}." : "";
        AddTimeline(record, now,
            approve ? $"Compensation of {amount} approved by {actor.DisplayName} — {record.Reason}" : $"Compensation of {amount} refused by {actor.DisplayName} — {note}",
            Lines($"Requested by {record.RequestedByName} at {When(record.RequestedAt)}: {record.Reason}", note.Length == 0 ? "" : $"Note: {note}", promised),
            actor.DisplayName, null);
        UserInbox.Notify(db, record.RequestedByUserId, now, NotificationKinds.ApprovalDecided,
            $"Compensation of {amount} for {customer.Name} {verdict} by {actor.DisplayName}",
            Lines(note.Length == 0 ? "" : $"Note: {note}",
                record.AnswerDueAt is { } answerDue ? $"Tell the customer in writing by {When(answerDue)}: that keeps your promise of an answer." : ""),
            CustomerLink(record.CustomerId), record.CustomerId);

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return record;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new Failure.Conflict("The compensation was decided by someone else meanwhile; load it again.");
        }
    }

    private async Task<Outcome<CompensationRecord>> RequestApprovalAsync(
        CompensationRecord record, CompensationDecision decision, Customer customer, InteractionChannel channel, Case? @case, CancellationToken cancellationToken)
    {
        var money = record.Money;
        var answerDue = decision.AnswerDueAt!.Value;
        var approverRole = decision.ApproverRole!;

        // The promise (with its own timeline entry) and the request are saved together or not at all.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        var promise = await promises.MakeAsync(
            new MakePromiseInput(
                customer.Id, decision.AnswerPromiseKind!.Value.ToWireName(), answerDue, record.RequestedByUserId, channel.ToWireName(),
                $"written answer on the requested compensation of {Amount(money)} within a day", null, @case?.Reference, null, null),
            cancellationToken);
        if (promise.Failure is { } promiseFailure)
        {
            return promiseFailure;
        }

        record.Status = CompensationStatus.PendingApproval;
        record.ApproverRole = approverRole;
        record.AnswerDueAt = answerDue;
        record.AnswerPromiseId = promise.Value!.Id;
        record.ApprovalRequestedOfUserId = await ApproverForAsync(record.RequestedByUserId, money, approverRole, cancellationToken);
        db.Compensations.Add(record);

        var caseNote = @case is null ? "" : $" Case {@case.Reference}.";
        AddTimeline(record, record.RequestedAt, $"Compensation of {Amount(money)} requested; answer promised by {When(answerDue)}",
            Lines(record.Reason, caseNote.Trim(), decision.Explanation, record.Summary), record.RequestedByName, channel);
        if (record.ApprovalRequestedOfUserId is { } approver)
        {
            UserInbox.Notify(db, approver, record.RequestedAt, NotificationKinds.ApprovalRequested,
                $"Approve compensation of {Amount(money)} for {customer.Name}?",
                Lines($"{record.RequestedByName} asks: {record.Reason}", caseNote.Trim(),
                    $"It is above their mandate of {Amount(decision.RequesterMandate)}; a {approverRole} must approve.",
                    $"The customer was promised an answer by {When(answerDue)}.", record.Summary),
                CustomerLink(customer.Id), customer.Id);
        }

        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return record;
    }

    /// <summary>
    /// Who is asked to approve: the first person up the requester's reporting line whose mandate covers the amount
    /// (their team lead for most requests). Where the organisation is not filled in: someone in the role that may
    /// approve, else whoever the requester's escalations reach.
    /// </summary>
    private async Task<string?> ApproverForAsync(string requesterId, Money amount, string approverRole, CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { requesterId };
        var next = await ReportsToAsync(requesterId, cancellationToken);
        while (next is not null && seen.Add(next))
        {
            if (!amount.Exceeds(mandates.MandateOf(await MandateHolders.RolesAsync(db, next, cancellationToken), amount.Currency)))
            {
                return next;
            }

            next = await ReportsToAsync(next, cancellationToken);
        }

        var inRole = await (from user in db.Users
                            join userRole in db.UserRoles on user.Id equals userRole.UserId
                            join role in db.Roles on userRole.RoleId equals role.Id
                            where role.Name == approverRole && user.Id != requesterId
                            orderby user.UserName
                            select user.Id).FirstOrDefaultAsync(cancellationToken);
        return inRole ?? await Teams.TeamLeadOfAsync(db, requesterId, cancellationToken);
    }

    private Task<string?> ReportsToAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId).Select(u => u.TeamLeadId).FirstOrDefaultAsync(cancellationToken);

    private async Task<Outcome<(Customer Customer, Jurisdiction Jurisdiction)>> CustomerAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return new Failure.Invalid("customerId", $"There is no customer with id '{customerId}'.");
        }

        if (customer.Status == CustomerStatus.Merged)
        {
            return new Failure.Invalid("customerId", $"Customer {customerId} was merged into {customer.MergedIntoId}; compensate them there.");
        }

        return (customer, JurisdictionOf(customer));
    }

    /// <summary>The harms as the domain's values; a missing or malformed one is a 400 naming it, e.g. <c>harms[1].days</c>.</summary>
    private Outcome<List<Harm>> HarmsOf(IReadOnlyList<HarmInput?>? inputs, Jurisdiction jurisdiction)
    {
        if (inputs is null || inputs.Count == 0)
        {
            return new Failure.Invalid("harms", $"harms is required: at least one thing that went wrong ({HarmKinds}).");
        }

        if (inputs.Count > MaxHarms)
        {
            return new Failure.Invalid("harms", $"At most {MaxHarms} harms at once.");
        }

        var currency = jurisdiction.LocalCurrency();
        var harms = new List<Harm>();
        for (var i = 0; i < inputs.Count; i++)
        {
            var field = $"harms[{i}]";
            if (inputs[i] is not { } input)
            {
                return new Failure.Invalid(field, $"{field} is empty; give its kind ({HarmKinds}).");
            }

            Harm harm;
            switch (input.Kind?.Trim())
            {
                case DaysWithoutServiceKind:
                    if (input.Days is not { } days)
                    {
                        return new Failure.Invalid($"{field}.days", "days is required: how many days the customer was without service.");
                    }

                    if (input.MonthlyPrice is not { } price || !Money.TryCreate(price, currency, out var monthly))
                    {
                        return new Failure.Invalid($"{field}.monthlyPrice",
                            $"monthlyPrice is required: the affected subscription's monthly price in {currency.ToWireName()}, with at most two decimals.");
                    }

                    harm = new DaysWithoutService(days, monthly);
                    break;

                case MissedAppointmentKind:
                    harm = new MissedTechnicianAppointment();
                    break;

                case BrokenPromiseKind:
                    if (!PromiseKinds.TryParse(input.PromiseKind, out var kind, out var kindError))
                    {
                        return new Failure.Invalid($"{field}.promiseKind", kindError);
                    }

                    harm = new BrokenPromise(kind);
                    break;

                case PortingDelayKind:
                    if (input.Days is not { } delay)
                    {
                        return new Failure.Invalid($"{field}.days", "days is required: how many days the port was late.");
                    }

                    harm = new PortingDelay(delay);
                    break;

                default:
                    return new Failure.Invalid($"{field}.kind", $"'{input.Kind}' is not a kind of harm; allowed values: {HarmKinds}.");
            }

            // The policy judges each harm on its own too, so the error names the one at fault.
            if (!policy.TryPropose(jurisdiction, [harm], out _, out var error))
            {
                return new Failure.Invalid(FieldAtFault(harm, field, jurisdiction), error);
            }

            harms.Add(harm);
        }

        return harms;
    }

    /// <summary>For a harm the policy refused: its days when those alone are refused, else its price, else the harm.</summary>
    private string FieldAtFault(Harm harm, string field, Jurisdiction jurisdiction) => harm switch
    {
        DaysWithoutService days => policy.TryPropose(jurisdiction, [days with { MonthlyPrice = Money.Zero(days.MonthlyPrice.Currency) }], out _, out _)
            ? $"{field}.monthlyPrice"
            : $"{field}.days",
        PortingDelay => $"{field}.days",
        _ => field,
    };

    /// <summary>The field of a request the domain refused (<see cref="CompensationRequest.TryValidate"/>).</summary>
    private static string FieldAtFault(CompensationRequest request)
    {
        if (!request.Amount.IsPositive)
        {
            return "amount";
        }

        if (request.Amount.Currency != request.CustomerJurisdiction.LocalCurrency())
        {
            return "currency";
        }

        return string.IsNullOrWhiteSpace(request.Reason) ? "reason" : "customerId";
    }

    private void AddTimeline(CompensationRecord record, DateTime at, string title, string detail, string actorName, InteractionChannel? channel) =>
        db.TimelineEntries.Add(new TimelineEntry
        {
            CustomerId = record.CustomerId,
            At = at,
            Kind = TimelineEntryKind.Compensation.ToWireName(),
            Channel = channel?.ToWireName(),
            Title = Clip(title, 300),
            Detail = Clip(detail, 4000),
            ActorName = Clip(actorName, 200),
            SourceId = record.Id.ToString(),
        });

    private static string SummaryOf(CompensationProposal proposal) =>
        $"Proposed by the policy: {Amount(proposal.Total)} — " + string.Join("; ", proposal.Lines.Select(l => $"{l.Explanation}: {Amount(l.Amount)}"));

    private static Jurisdiction JurisdictionOf(Customer customer) =>
        Jurisdictions.TryParse(customer.Jurisdiction, out var jurisdiction, out var error)
            ? jurisdiction
            : throw new InvalidOperationException($"Stored customer {customer.Id} is corrupt: {error}");

    private string CallerId =>
        currentActor.Get().UserId ?? throw new InvalidOperationException("Compensation is given by a signed-in member of staff.");

    private static Failure.NotFound NotFound(Guid id) => new($"There is no compensation with id '{id}'.");


    public static string CustomerLink(Guid customerId) => $"/customers/{customerId}";

    /// <summary>"350 SEK", "1,000 SEK", "12.50 EUR": as an agent says it, the same whatever the server's culture.</summary>
    public static string Amount(Money money)
    {
        ArgumentNullException.ThrowIfNull(money);
        return Amount(money.Amount, money.Currency.ToWireName());
    }

    /// <summary>As <see cref="Amount(Money)"/>, for a view's amount and currency.</summary>
    public static string Amount(decimal amount, string currency)
    {
        var format = decimal.Truncate(amount) == amount ? "N0" : "N2";
        return $"{amount.ToString(format, CultureInfo.InvariantCulture)} {currency}";
    }

    /// <summary>Instants as staff read them; UTC, so the text is the same for everyone who reads it.</summary>
    public static string When(DateTime instant) => instant.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Lines(params string[] lines) => string.Join("\n", lines.Where(l => l.Length > 0));

    private static string Clip(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}
