using System.Collections.Frozen;
using System.Globalization;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Domain.Contracts;

/// <summary>
/// The contract rules of every jurisdiction, held as data (<c>contract-rules.json</c>, versioned): the EU base
/// with per-country overrides, each value carrying the rule id that sets it. <see cref="Law"/> is the legal limit;
/// an operator's file (<see cref="TryLoad"/>) may tighten values, never loosen them.
/// </summary>
/// <remarks>
/// How leaving is read (EU-105-2, NL-1, SE-1, DE-1: "notice at most one month after the binding ends"; FI-1: two
/// weeks): the customer may give notice at any time, also while bound. The notice runs from the day it is given, and the
/// contract ends on the later of the binding end and the end of the notice. So a customer who gives notice a month
/// before the binding ends leaves the day it ends, never a notice month after it: the binding is not silently stretched
/// by the notice, and after the binding nobody waits longer than the notice the law allows. A free-termination window
/// opened by a term change (EU-105-3) sets the binding aside while it is open.
/// </remarks>
public sealed partial class ContractRuleBook
{
    private const string LawResource = "Touchpoint.Domain.Contracts.contract-rules.json";

    private static readonly Lazy<ContractRuleBook> LawBook = new(LoadLaw);

    private readonly FrozenDictionary<Jurisdiction, FrozenDictionary<ContractRule, RuleValue>> values;

    /// <summary>The law's EU base, which an operator's own base may not loosen.</summary>
    private readonly FrozenDictionary<ContractRule, RuleValue> lawBase;

    private ContractRuleBook(
        string version, FrozenDictionary<Jurisdiction, FrozenDictionary<ContractRule, RuleValue>> values, FrozenDictionary<ContractRule, RuleValue> lawBase)
    {
        Version = version;
        this.values = values;
        this.lawBase = lawBase;
    }

    /// <summary>The embedded rules file: the legal limits.</summary>
    public static ContractRuleBook Law => LawBook.Value;

    /// <summary>The law's rules file as embedded, for operators to copy and tighten.</summary>
    public static string LawJson => ReadLawJson();

    /// <summary>The rules file's version; an operator book is "law+operator".</summary>
    public string Version { get; }

    /// <summary>
    /// Loads an operator's rules file (same shape as the law's; a value is a number or <c>{ "value": n, "rule": "OP-1" }</c>).
    /// Values in <c>EU</c> apply to every jurisdiction where they are at least as tight as its law; values per
    /// country apply to that country. Any value looser than the law is refused, naming the rule id and the law's value.
    /// </summary>
    public static bool TryLoad(string json, out ContractRuleBook? book, out string error)
    {
        book = null;
        if (string.IsNullOrWhiteSpace(json))
        {
            error = "The operator's rules file is empty.";
            return false;
        }

        if (!ContractRuleFile.TryParse(json, ruleIdsRequired: false, out var file, out error))
        {
            return false;
        }

        var law = Law;
        var resolved = law.values.ToDictionary(pair => pair.Key, pair => pair.Value.ToDictionary());
        foreach (var (rule, setting) in file!.Base)
        {
            // The operator's base must respect the EU base; countries whose law is already tighter keep their law.
            var lawBase = law.lawBase[rule];
            if (!AtLeastAsTight(rule, setting, lawBase))
            {
                error = Looser(lawBase.RuleIds[^1], ContractRuleFile.BaseScope, rule, setting, lawBase);
                return false;
            }

            foreach (var country in resolved.Values)
            {
                if (AtLeastAsTight(rule, setting, country[rule]))
                {
                    country[rule] = country[rule].OverriddenBy(setting);
                }
            }
        }

        foreach (var (jurisdiction, settings) in file.Countries.OrderBy(c => c.Key))
        {
            foreach (var (rule, setting) in settings)
            {
                var lawValue = law.values[jurisdiction][rule];
                if (!AtLeastAsTight(rule, setting, lawValue))
                {
                    error = Looser(lawValue.RuleIds[^1], jurisdiction.ToWireName(), rule, setting, lawValue);
                    return false;
                }

                // The operator's own country value wins over its own base, but keeps the law's rule ids.
                resolved[jurisdiction][rule] = lawValue.OverriddenBy(setting);
            }
        }

        // Where the law has no benefit exception (its two binding maxima are equal, as in DK), a tighter binding maximum
        // is the operator's limit for every binding, unless the file sets the benefit maximum itself.
        foreach (var (jurisdiction, country) in resolved)
        {
            var lawRules = law.values[jurisdiction];
            var benefitSet = file.Base.ContainsKey(ContractRule.BindingMaxMonthsWithBenefit)
                || (file.Countries.TryGetValue(jurisdiction, out var own) && own.ContainsKey(ContractRule.BindingMaxMonthsWithBenefit));
            var normal = country[ContractRule.BindingMaxMonths];
            if (!benefitSet
                && lawRules[ContractRule.BindingMaxMonthsWithBenefit].Value == lawRules[ContractRule.BindingMaxMonths].Value
                && country[ContractRule.BindingMaxMonthsWithBenefit].Value > normal.Value)
            {
                country[ContractRule.BindingMaxMonthsWithBenefit] = normal;
            }
        }

        book = new ContractRuleBook($"{law.Version}+{file.Version}", Freeze(resolved), law.lawBase);
        error = string.Empty;
        return true;
    }

    /// <summary>Every value the book applies in <paramref name="jurisdiction"/>.</summary>
    public JurisdictionLimits LimitsFor(Jurisdiction jurisdiction)
    {
        var rules = values[jurisdiction];
        return new JurisdictionLimits(
            rules[ContractRule.BindingMaxMonths].Value,
            rules[ContractRule.BindingMaxMonthsWithBenefit].Value,
            rules[ContractRule.NoticeMax].AsPeriod(),
            rules[ContractRule.WithdrawalDays].Value,
            rules[ContractRule.WithdrawalExtensionMonths].Value,
            rules[ContractRule.TermChangeNoticeMonths].Value,
            rules[ContractRule.TerminationWindowMonths].Value,
            rules[ContractRule.ShortBindingOfferMonths].Value);
    }

    /// <summary>The rule ids behind one value: the EU base first, then the country's law, then the operator's own id if it gave one.</summary>
    public IReadOnlyList<string> RuleIdsOf(Jurisdiction jurisdiction, ContractRule rule) => values[jurisdiction][rule].RuleIds;

    /// <summary>May a consumer in <paramref name="jurisdiction"/> be bound for <paramref name="months"/> (EU-105-1, DK-1, NO-1, SE-1, FI-1, DE-1)?</summary>
    /// <param name="clearEconomicBenefit">The customer gets a clear economic benefit for the longer binding (NO-1 allows 24 months then).</param>
    /// <param name="soldToConsumer">False for a sale to a business, which the consumer limits do not bind (TP-5).</param>
    public BindingDecision CheckBinding(Jurisdiction jurisdiction, int months, bool clearEconomicBenefit = false, bool soldToConsumer = true)
    {
        if (!soldToConsumer)
        {
            return BusinessBinding(jurisdiction, months);
        }

        var normal = values[jurisdiction][ContractRule.BindingMaxMonths];
        var withBenefit = values[jurisdiction][ContractRule.BindingMaxMonthsWithBenefit];

        // A benefit can only lengthen what is allowed, never shorten it.
        var benefitRaisesLimit = withBenefit.Value > normal.Value;
        var applied = clearEconomicBenefit && benefitRaisesLimit ? withBenefit : normal;
        var country = jurisdiction.ToWireName();
        var limit = clearEconomicBenefit && benefitRaisesLimit
            ? Text($"at most {applied.Value} months with a clear economic benefit")
            : benefitRaisesLimit
                ? Text($"at most {normal.Value} months, or {withBenefit.Value} with a clear economic benefit")
                : Text($"at most {applied.Value} months");
        var rules = string.Join(", ", applied.RuleIds);

        if (months < 0)
        {
            return new BindingDecision(false, applied.Value, applied.RuleIds, Text($"A binding of {months} months is not possible; in {country} a consumer may be bound for 0 to {applied.Value} months ({rules})."));
        }

        var allowed = months <= applied.Value;
        var explanation = allowed
            ? months == 0
                ? Text($"No binding: always allowed; in {country} a consumer may be bound for {limit} ({rules}).")
                : Text($"A binding of {months} months is allowed in {country}: {limit} ({rules}).")
            : Text($"A binding of {months} months is longer than {country} allows: {limit} ({rules}).");
        return new BindingDecision(allowed, applied.Value, applied.RuleIds, explanation);
    }

    /// <summary>
    /// DE-1: where a plan binds for longer than the jurisdiction's short binding, it must offer that short binding too
    /// (in Germany a 12-month option beside a 24-month one). Asked when a plan is defined (<paramref name="chosenMonths"/>
    /// null: every option of the plan counts) and when a binding is sold (only the binding chosen counts).
    /// </summary>
    /// <param name="offeredMonths">The bindings the plan offers, in months.</param>
    public BindingOfferDecision CheckBindingOffer(Jurisdiction jurisdiction, IReadOnlyCollection<int> offeredMonths, int? chosenMonths = null)
    {
        ArgumentNullException.ThrowIfNull(offeredMonths);
        var duty = values[jurisdiction][ContractRule.ShortBindingOfferMonths];
        var shortMonths = duty.Value;
        var country = jurisdiction.ToWireName();
        var rules = string.Join(", ", duty.RuleIds);
        if (shortMonths == 0)
        {
            return new BindingOfferDecision(true, null, duty.RuleIds, Text($"In {country} no shorter binding has to be offered beside a longer one."));
        }

        var longest = chosenMonths ?? (offeredMonths.Count == 0 ? 0 : offeredMonths.Max());
        var offered = string.Join(", ", offeredMonths.Order());
        if (longest <= shortMonths || offeredMonths.Contains(shortMonths))
        {
            return new BindingOfferDecision(true, shortMonths, duty.RuleIds,
                Text($"In {country} a binding longer than {shortMonths} months is sold only where {shortMonths} months are offered too; offered: {offered} months ({rules})."));
        }

        return new BindingOfferDecision(false, shortMonths, duty.RuleIds, chosenMonths is null
            ? Text($"A plan that binds for {longest} months must also offer a binding of {shortMonths} months in {country}; it offers {offered} months ({rules}).")
            : Text($"A binding of {longest} months can only be sold in {country} where a binding of {shortMonths} months is offered too; the plan offers {offered} months ({rules})."));
    }

    /// <summary>When a customer who gives notice on <paramref name="requestedOn"/> leaves (EU-105-2, NL-1, SE-1, FI-1, DE-1; see the remarks).</summary>
    /// <param name="wishedDate">A later day the customer asks to leave on; an earlier one than the law allows is not granted.</param>
    public LeavingDecision Leaving(ContractFacts contract, DateOnly requestedOn, DateOnly? wishedDate = null)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var rules = values[contract.Jurisdiction];
        var notice = rules[ContractRule.NoticeMax];
        var noticePeriod = notice.AsPeriod();
        var freeWindowOpen = contract.FreeTerminationUntil is { } freeUntil && requestedOn <= freeUntil;
        var isBound = !freeWindowOpen && contract.BindingEnd is { } bindingEnd && requestedOn < bindingEnd;

        // DateOnly.AddMonths clamps to the month's last day (Jan 31 + 1 month = Feb 28): that is when a month's notice ends.
        var endOfNotice = noticePeriod.AddTo(requestedOn);
        var earliest = isBound && contract.BindingEnd!.Value > endOfNotice ? contract.BindingEnd.Value : endOfNotice;
        var effective = wishedDate > earliest ? wishedDate.Value : earliest;

        var ruleIds = new List<string>();
        if (isBound)
        {
            ruleIds.AddRange(rules[ContractRule.BindingMaxMonths].RuleIds);
        }

        ruleIds.AddRange(notice.RuleIds);
        if (freeWindowOpen)
        {
            ruleIds.AddRange(rules[ContractRule.TerminationWindowMonths].RuleIds);
        }

        var noticeText = noticePeriod.AsNotice();
        var reason = freeWindowOpen
            ? Text($"A change of terms lets you leave free of your binding until {Iso(contract.FreeTerminationUntil!.Value)}; with {noticeText} given on {Iso(requestedOn)} the earliest you can leave is {Iso(earliest)}")
            : contract.BindingEnd is not { } end
                ? Text($"No binding; with {noticeText} given on {Iso(requestedOn)} the earliest you can leave is {Iso(earliest)}")
                : !isBound
                    ? Text($"The binding ended on {Iso(end)}; with {noticeText} given on {Iso(requestedOn)} the earliest you can leave is {Iso(earliest)}")
                    : earliest == end
                        ? Text($"Bound until {Iso(end)}; notice given on {Iso(requestedOn)} ends the contract when the binding ends, on {Iso(earliest)}")
                        : Text($"Bound until {Iso(end)}; with {noticeText} given on {Iso(requestedOn)} the earliest you can leave is {Iso(earliest)}");
        var wish = wishedDate switch
        {
            { } wished when wished > earliest => Text($", and you leave on {Iso(wished)} as you asked."),
            { } wished when wished < earliest => Text($", so {Iso(wished)} is too early."),
            _ => ".",
        };

        return new LeavingDecision(effective, noticePeriod, isBound, Distinct(ruleIds), reason + wish);
    }

    /// <summary>Is the statutory withdrawal (cooling-off) right open on <paramref name="today"/>, and until when (CRD-9, CRD-10)?</summary>
    public WithdrawalDecision Withdrawal(ContractFacts contract, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var rules = values[contract.Jurisdiction];
        var days = rules[ContractRule.WithdrawalDays];
        if (!contract.SoldToConsumer)
        {
            return new WithdrawalDecision(false, null, [.. days.RuleIds, ConsumerContracts.RuleId],
                "Sold to a business, so the law gives no withdrawal right (that is for consumers); you can still leave with notice.");
        }

        if (contract.SoldVia == SalesMode.OnPremises)
        {
            return new WithdrawalDecision(false, null, days.RuleIds,
                "Concluded in a store, so the law gives no withdrawal right (that is for distance and off-premises sales); you can still leave with notice.");
        }

        var (openUntil, ruleIds) = WithdrawalPeriod(contract.Jurisdiction, contract.ConcludedOn, contract.WithdrawalInformationGiven);
        var isOpen = today <= openUntil;
        var sale = contract.SoldVia == SalesMode.Distance ? "distance sale" : "off-premises sale";
        var period = contract.WithdrawalInformationGiven
            ? Text($"the {days.Value}-day withdrawal period of this {sale} concluded on {Iso(contract.ConcludedOn)}")
            : Text($"the withdrawal period of this {sale} concluded on {Iso(contract.ConcludedOn)}, extended because the withdrawal information was not given,");
        var explanation = isOpen
            ? Text($"You can withdraw without giving a reason until {Iso(openUntil)}: {period} is still open.")
            : Text($"Withdrawal is no longer possible: {period} ended on {Iso(openUntil)}; you can still leave with notice.");
        return new WithdrawalDecision(isOpen, openUntil, Distinct(ruleIds), explanation);
    }

    /// <summary>
    /// The last day of a withdrawal period (CRD-9) and the rules behind it: for a service it runs from the day the
    /// contract was concluded, and its last day is that day plus the period; CRD-10 adds months without the information.
    /// </summary>
    private (DateOnly OpenUntil, List<string> RuleIds) WithdrawalPeriod(Jurisdiction jurisdiction, DateOnly concludedOn, bool informationGiven)
    {
        var rules = values[jurisdiction];
        var days = rules[ContractRule.WithdrawalDays];
        var ruleIds = new List<string>(days.RuleIds);
        var openUntil = concludedOn.AddDays(days.Value);
        if (!informationGiven)
        {
            var extension = rules[ContractRule.WithdrawalExtensionMonths];
            openUntil = openUntil.AddMonths(extension.Value);
            ruleIds.AddRange(extension.RuleIds);
        }

        return (openUntil, ruleIds);
    }

    /// <summary>What a change of terms announced on <paramref name="announcedOn"/> to apply from <paramref name="effectiveOn"/> means (EU-105-3, SE-2).</summary>
    public TermChangeDecision TermChange(Jurisdiction jurisdiction, TermChangeKind kind, DateOnly announcedOn, DateOnly effectiveOn)
    {
        var rules = values[jurisdiction];
        var announcement = rules[ContractRule.TermChangeNoticeMonths];

        // Every change is announced ahead on a durable medium, also one that opens no termination right.
        var announcementEnds = announcedOn.AddMonths(announcement.Value);
        var earliestEffective = effectiveOn > announcementEnds ? effectiveOn : announcementEnds;
        var ruleIds = new List<string>(announcement.RuleIds);
        var when = earliestEffective == effectiveOn
            ? Text($"it takes effect on {Iso(earliestEffective)}")
            : Text($"it cannot take effect before {Iso(earliestEffective)}, {AnnouncementText(announcement.Value)} after it was announced on {Iso(announcedOn)}");

        if (kind != TermChangeKind.Worse)
        {
            var what = kind switch
            {
                TermChangeKind.OnlyToCustomersBenefit => "only to the customer's benefit",
                TermChangeKind.PurelyAdministrative => "purely administrative",
                TermChangeKind.ImposedByLaw => "imposed by law",
                _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown term change kind."),
            };
            return new TermChangeDecision(false, earliestEffective, null, Distinct(ruleIds),
                Text($"This change is {what}, so it opens no right to terminate; {when}."));
        }

        var window = rules[ContractRule.TerminationWindowMonths];
        var windowEnds = announcedOn.AddMonths(window.Value);
        ruleIds.AddRange(window.RuleIds);
        return new TermChangeDecision(true, earliestEffective, windowEnds, Distinct(ruleIds),
            Text($"This change is not only to the customer's benefit, so the customer may terminate free of charge until {Iso(windowEnds)}; {when}."));
    }

    /// <summary>Is a free termination right, opened by a change of terms, open on <paramref name="today"/> (EU-105-3, SE-2)?</summary>
    public TerminationRightDecision TerminationRight(ContractFacts contract, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(contract);
        var ruleIds = values[contract.Jurisdiction][ContractRule.TerminationWindowMonths].RuleIds;
        if (contract.FreeTerminationUntil is not { } until)
        {
            return new TerminationRightDecision(false, null, ruleIds, "No change of terms has opened a right to terminate free of charge.");
        }

        return today <= until
            ? new TerminationRightDecision(true, until, ruleIds, Text($"A change of terms lets you terminate free of charge, binding or not, until {Iso(until)}."))
            : new TerminationRightDecision(false, until, ruleIds, Text($"The free termination right a change of terms opened ended on {Iso(until)}."));
    }

    /// <summary>
    /// TP-1 (S1-5): the contract after a termination is withdrawn, at the customer's or the operator's request: the
    /// same binding end and the same notice rules as before the termination. Withdrawing never starts a new binding
    /// or a longer notice; a new binding needs a new contract the customer agrees to (and <see cref="CheckBinding"/>).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static",
        Justification = "Asked of the rule book like every other contract question; no operator file may change the answer.")]
    public ContractFacts AfterTerminationWithdrawn(ContractFacts contractBeforeTermination)
    {
        ArgumentNullException.ThrowIfNull(contractBeforeTermination);
        return contractBeforeTermination with { };
    }

    /// <summary>
    /// A business is bound for what it agreed: the consumer limits do not apply (TP-5). Touchpoint's plans still bind for
    /// at most <see cref="Subscriptions.BindingOptions.MaxMonths"/> months, so no sale goes beyond what a plan can offer.
    /// </summary>
    private BindingDecision BusinessBinding(Jurisdiction jurisdiction, int months)
    {
        var consumerRules = string.Join(", ", values[jurisdiction][ContractRule.BindingMaxMonths].RuleIds);
        var longest = Subscriptions.BindingOptions.MaxMonths;
        var ruleIds = new[] { ConsumerContracts.RuleId };
        return months switch
        {
            < 0 => new BindingDecision(false, longest, ruleIds, Text($"A binding of {months} months is not possible; a business may be bound for 0 to {longest} months ({ConsumerContracts.RuleId}).")),
            > Subscriptions.BindingOptions.MaxMonths => new BindingDecision(false, longest, ruleIds,
                Text($"A binding of {months} months is longer than any plan offers: at most {longest} months, also for a business ({ConsumerContracts.RuleId}).")),
            0 => new BindingDecision(true, longest, ruleIds, Text($"No binding: always allowed; sold to a business, so the consumer limits ({consumerRules}) do not apply ({ConsumerContracts.RuleId}).")),
            _ => new BindingDecision(true, longest, ruleIds,
                Text($"A binding of {months} months is allowed: sold to a business, so the consumer limits ({consumerRules}) do not apply ({ConsumerContracts.RuleId}).")),
        };
    }

    private static ContractRuleBook LoadLaw()
    {
        if (!TryBuildLaw(ReadLawJson(), out var book, out var error))
        {
            throw new InvalidOperationException($"The embedded contract rules are broken: {error}");
        }

        return book!;
    }

    /// <summary>Builds the law from a rules file: the EU base must set every value with its rule id; a country may not loosen it.</summary>
    internal static bool TryBuildLaw(string json, out ContractRuleBook? book, out string error)
    {
        book = null;
        if (!ContractRuleFile.TryParse(json, ruleIdsRequired: true, out var file, out error))
        {
            return false;
        }

        var missing = Enum.GetValues<ContractRule>().Where(rule => !file!.Base.ContainsKey(rule)).ToList();
        if (missing.Count > 0)
        {
            error = $"The EU base must set every value; missing: {string.Join(", ", missing.Select(r => r.ToWireName()))}.";
            return false;
        }

        var baseValues = file!.Base.ToDictionary(pair => pair.Key, pair => new RuleValue(pair.Value.Value, [pair.Value.RuleId!], pair.Value.Unit));
        var resolved = new Dictionary<Jurisdiction, Dictionary<ContractRule, RuleValue>>();
        foreach (var jurisdiction in Enum.GetValues<Jurisdiction>())
        {
            var country = new Dictionary<ContractRule, RuleValue>(baseValues);
            if (file.Countries.TryGetValue(jurisdiction, out var overrides))
            {
                foreach (var (rule, setting) in overrides)
                {
                    var euValue = baseValues[rule];
                    if (!AtLeastAsTight(rule, setting, euValue))
                    {
                        error = Looser(euValue.RuleIds[0], jurisdiction.ToWireName(), rule, setting, euValue);
                        return false;
                    }

                    country[rule] = euValue.OverriddenBy(setting);
                }
            }

            resolved[jurisdiction] = country;
        }

        book = new ContractRuleBook(file.Version, Freeze(resolved), baseValues.ToFrozenDictionary());
        error = string.Empty;
        return true;
    }

    private static string ReadLawJson()
    {
        using var stream = typeof(ContractRuleBook).Assembly.GetManifestResourceStream(LawResource)
            ?? throw new InvalidOperationException($"The embedded resource {LawResource} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static FrozenDictionary<Jurisdiction, FrozenDictionary<ContractRule, RuleValue>> Freeze(
        Dictionary<Jurisdiction, Dictionary<ContractRule, RuleValue>> resolved) =>
        resolved.ToFrozenDictionary(pair => pair.Key, pair => pair.Value.ToFrozenDictionary());

    /// <summary>A notice may be written in weeks or days (FI-1), so it is compared as a period; every other value as a number.</summary>
    private static bool AtLeastAsTight(ContractRule rule, RuleSetting candidate, RuleValue law) =>
        rule.TakesPeriodUnit()
            ? rule.IsAtLeastAsTight(new RulePeriod(candidate.Value, candidate.Unit ?? PeriodUnit.Months), law.AsPeriod())
            : rule.IsAtLeastAsTight(candidate.Value, law.Value);

    private static string Looser(string ruleId, string scope, ContractRule rule, RuleSetting value, RuleValue law)
    {
        var lawText = ContractRuleFile.Describe(law.Value, rule, law.Unit);
        return Text($"{ruleId}: {scope} {rule.ToWireName()} of {ContractRuleFile.Describe(value.Value, rule, value.Unit)} is looser than the law's {lawText}; an operator may only tighten it ({rule.AllowedChange(lawText)}).");
    }

    private static string AnnouncementText(int months) => months == 1 ? "one month" : Text($"{months} months");

    private static IReadOnlyList<string> Distinct(List<string> ruleIds) => [.. ruleIds.Distinct(StringComparer.Ordinal)];

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>One resolved value and the rule ids that set it, most general first.</summary>
    /// <param name="Unit">The unit a notice is held in (FI-1: weeks); null for the value's own unit.</param>
    private sealed record RuleValue(int Value, IReadOnlyList<string> RuleIds, PeriodUnit? Unit = null)
    {
        /// <summary>The value as a period; a notice without a unit is in months, as it always was.</summary>
        public RulePeriod AsPeriod() => new(Value, Unit ?? PeriodUnit.Months);

        public RuleValue OverriddenBy(RuleSetting setting) =>
            new(setting.Value, setting.RuleId is not { } ruleId || RuleIds.Contains(ruleId, StringComparer.Ordinal) ? RuleIds : [.. RuleIds, ruleId], setting.Unit);
    }
}
