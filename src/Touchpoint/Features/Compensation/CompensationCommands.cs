using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Platform;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Promises;
using Touchpoint.Hosting;
using static Touchpoint.Domain.Platform.TextLimits;

namespace Touchpoint.Features.Compensation;

/// <param name="Kind">daysWithoutService, missedTechnicianAppointment, brokenPromise or portingDelay.</param>
/// <param name="Days">For daysWithoutService and portingDelay.</param>
/// <param name="MonthlyPrice">For daysWithoutService: the affected subscription's monthly price, in the customer's currency.</param>
/// <param name="PromiseKind">For brokenPromise: what was promised (callback, writtenReply, …).</param>
public sealed record HarmInput(string? Kind, int? Days, decimal? MonthlyPrice, string? PromiseKind);

/// <summary>There is deliberately no segment or customer value here: the proposal is the same for every customer (S0-7).</summary>
public sealed record ProposalInput(Guid? CustomerId, IReadOnlyList<HarmInput?>? Harms);

/// <param name="Currency">The customer's currency when left out; any other is refused.</param>
/// <param name="Harms">
/// What went wrong, optional: the policy's proposal for them is kept with the compensation, and an amount below it
/// needs <paramref name="BelowProposalReason"/> and someone's approval whose mandate covers the proposal.
/// </param>
/// <param name="Channel">Where the customer is being served; the promise of an answer is made there. Phone when left out.</param>
/// <param name="BelowProposalReason">Why the customer gets less than the policy proposes; the approver and the customer read it.</param>
public sealed record RequestCompensationInput(
    Guid? CustomerId, Guid? CaseId, decimal? Amount, string? Currency, string? Reason, IReadOnlyList<HarmInput?>? Harms, string? Channel,
    string? BelowProposalReason = null);

public sealed record DecideCompensationInput(string? Note);

public sealed record CompensationLineView(string Explanation, decimal Amount, string Currency, string? RuleId);

/// <param name="YourMandate">The most the caller may grant alone, in the customer's currency.</param>
/// <param name="ApproverRole">When the total is above the caller's mandate: the lowest role that may approve it.</param>
public sealed record ProposalView(
    Guid CustomerId, decimal Total, string Currency, IReadOnlyList<CompensationLineView> Lines, decimal YourMandate, bool WithinYourMandate, string? ApproverRole);

/// <summary>
/// Proposes, grants, requests and decides compensation (S3-3). Every rule is the domain's: the policy proposes, the
/// mandates decide whether the requester may grant at once and who may approve. Each step writes its timeline entry,
/// notification, the customer's message when something is granted, and (for a request that needs approval) the
/// customer's promise of an answer in one transaction. One file per use case: propose here, request and decide beside it.
/// </summary>
public sealed partial class CompensationCommands(
    TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor, CompensationMandates mandates, CompensationPolicy policy, PromiseCommands promises,
    CustomerVoices voices)
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

    private void AddTimeline(
        CompensationRecord record, DateTime at, string title, string detail, string actorName, InteractionChannel? channel, StoredText titleText, StoredText? detailText = null) =>
        db.TimelineEntries.Add(new TimelineEntry
        {
            CustomerId = record.CustomerId,
            At = at,
            Kind = TimelineEntryKind.Compensation,
            Channel = channel?.ToWireName(),
            Title = Clip(title, 300),
            Detail = Clip(detail, 4000),
            ActorName = Clip(actorName, 200),
            SourceId = record.Id.ToString(),
        }.Says(titleText, detailText));

    /// <summary>For staff: how far below the policy's proposal a compensation is and why; empty when it is not below it.</summary>
    private static string Shortfall(CompensationRecord record) =>
        record.IsBelowProposal ? $"Below the policy's proposal of {Amount(record.Proposal!)}, because: {record.BelowProposalReason}" : "";

    /// <summary><see cref="Shortfall"/> as a stored text; null when it is not below the proposal.</summary>
    private static StoredText? ShortfallText(CompensationRecord record) =>
        record.IsBelowProposal
            ? StoredText.Of("Timeline.Compensation.BelowProposal", StoredText.Value(Amount(record.Proposal!)), StoredText.Value(record.BelowProposalReason))
            : null;

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
    public static string When(DateTime instant) => TimeStamps.Write(instant);

    private static string Lines(params string[] lines) => string.Join("\n", lines.Where(l => l.Length > 0));

    /// <summary><see cref="Lines"/> as a stored text: the lines there are, one under the other; null when there are none.</summary>
    private static StoredText? LinesText(params StoredText?[] lines) =>
        lines.OfType<StoredText>().ToList() is { Count: > 0 } present ? StoredText.Lines(present) : null;
}
