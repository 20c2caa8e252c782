using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Promises;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Contracts;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Promises;

namespace Touchpoint.Features.Customers;

public sealed record IdentityView(string Kind, string Value, DateTime AddedAt);

/// <param name="MarketingObjectionAt">When the objection (GDPR Art. 21) was recorded; null without one.</param>
/// <param name="MarketingObjectionVia">The channel it came in by (sms, email, phone, …); null when it was not said.</param>
public sealed record PreferencesView(
    IReadOnlyList<string> AllowedMarketingChannels, bool TelemarketingOptOut, bool MarketingObjection, bool NeverOfferBinding, string PreferredLanguage,
    DateTime? MarketingObjectionAt = null, string? MarketingObjectionVia = null);

/// <param name="CustomerNumber">The short number people use instead of the id (<see cref="Domain.Customers.CustomerNumber"/>).</param>
public sealed record CustomerView(
    [property: DataSubject] Guid Id, string CustomerNumber, string Kind, string Name, string Jurisdiction, string Status, Guid? MergedInto,
    Address? ServiceAddress, Address? BillingAddress, IReadOnlyList<IdentityView> Identities, PreferencesView Preferences,
    string? Segment, decimal? LifetimeValue, DateTime CreatedAt, DateTime UpdatedAt);

public sealed record SubscriptionView(
    Guid Id, Guid PlanId, string PlanCode, string PlanName, string Technology, string? Msisdn, Address? ServiceAddress,
    decimal MonthlyPrice, DateOnly StartDate, DateOnly? BindingEndDate, string Status, SubscriptionTermsView Terms, string? SoldVia);

/// <summary>Open cases (acknowledged, in progress, pending, held) and promises still owed (open, or broken and not made good): what is owed to the customer.</summary>
public sealed record OpenItems(int Cases, int Promises);

/// <summary>Everything the agent's main screen shows, from a handful of indexed queries.</summary>
public sealed record Customer360(CustomerView Customer, IReadOnlyList<SubscriptionView> Subscriptions, OpenItems OpenItems, TimelinePage Timeline);

/// <summary>What is still owed to the customer, itemised: open cases, what breaks first first, and open promises by due time.</summary>
/// <param name="Counts">All of them, also beyond the lists' limit.</param>
public sealed record OpenItemLists(OpenItems Counts, IReadOnlyList<CaseSummary> Cases, IReadOnlyList<PromiseView> Promises);

public static class CustomerViews
{
    /// <summary>Most open cases or promises the 360 page lists; the counts beside them are exact.</summary>
    public const int OpenItemListLimit = 20;

    public static CustomerView ToView(Customer customer, IEnumerable<CustomerIdentity> identities)
    {
        var preferences = CustomerPreferences.Read(customer);
        return new CustomerView(
            customer.Id, Domain.Customers.CustomerNumber.Format(customer.Number), customer.Kind.ToWireName(), customer.Name, customer.Jurisdiction,
            customer.Status.ToString().ToLowerInvariant(), customer.MergedIntoId, customer.ServiceAddress, customer.BillingAddress,
            identities.OrderBy(i => i.Kind, StringComparer.Ordinal).ThenBy(i => i.Value, StringComparer.Ordinal)
                .Select(i => new IdentityView(i.Kind, i.Value, i.AddedAt)).ToList(),
            new PreferencesView(
                preferences.AllowedMarketingChannels.Select(c => Domain.Interactions.InteractionChannels.ToWireName(c)).Order(StringComparer.Ordinal).ToList(),
                preferences.TelemarketingOptOut, preferences.MarketingObjection, preferences.NeverOfferBinding, preferences.PreferredLanguage,
                customer.MarketingObjectionAt, customer.MarketingObjectionVia),
            customer.Segment, customer.LifetimeValue, customer.CreatedAt, customer.UpdatedAt);
    }

    public static async Task<CustomerView?> LoadAsync(TouchpointDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var identities = await db.CustomerIdentities.AsNoTracking().Where(i => i.CustomerId == id).ToListAsync(cancellationToken);
        return ToView(customer, identities);
    }

    /// <summary>The customer's subscriptions with their terms on <paramref name="today"/> under the rules of <paramref name="jurisdiction"/>.</summary>
    public static async Task<List<SubscriptionView>> SubscriptionsAsync(
        TouchpointDbContext db, ContractRuleBook rules, Guid customerId, Jurisdiction jurisdiction, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var views = new List<SubscriptionView>();
        await foreach (var row in SubscriptionRows.For(db)(db, customerId).WithCancellation(cancellationToken))
        {
            views.Add(ToView(row.Subscription, row.Code, row.Name, row.Technology, rules.TermsOn(row.Subscription, jurisdiction, today)));
        }

        return views;
    }

    public static SubscriptionView ToView(Subscriptions.Subscription subscription, string planCode, string planName, string technology, SubscriptionTermsView terms)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        return new SubscriptionView(
            subscription.Id, subscription.PlanId, planCode, planName, technology, subscription.Msisdn, subscription.ServiceAddress,
            subscription.MonthlyPrice, subscription.StartDate, subscription.BindingEndDate, subscription.Status.ToWireName(), terms, subscription.SoldVia);
    }

    /// <summary>The names of <paramref name="ids"/>, by primary key: what lists of cases and promises show beside each row.</summary>
    public static async Task<Dictionary<Guid, string>> NamesAsync(TouchpointDbContext db, IEnumerable<Guid> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0
            ? []
            : await db.Customers.AsNoTracking().Where(c => wanted.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
    }

    /// <summary>The customer's open cases and open promises, from the (CustomerId, Status) and (CustomerId, State, DueAt) indexes.</summary>
    public static async Task<OpenItemLists> OpenItemListsAsync(TouchpointDbContext db, Guid id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var openCases = CaseViews.Filter(db.Cases.AsNoTracking(), new CaseListFilter(CustomerId: id, Open: true));
        var cases = await CaseViews.BreaksFirst(openCases).Take(OpenItemListLimit).ToListAsync(cancellationToken);
        var openPromises = db.Promises.AsNoTracking().Where(p => p.CustomerId == id).Owed();
        var promises = await PromiseEndpoints.ViewsAsync(db, openPromises.OrderBy(p => p.DueAt).ThenBy(p => p.Id).Take(OpenItemListLimit), cancellationToken);
        // Counted only when a list is full: below the limit, the list is all there is.
        var counts = new OpenItems(
            cases.Count < OpenItemListLimit ? cases.Count : await openCases.CountAsync(cancellationToken),
            promises.Count < OpenItemListLimit ? promises.Count : await openPromises.CountAsync(cancellationToken));
        return new OpenItemLists(counts, [.. cases.Select(CaseViews.ToSummary)], promises);
    }

    /// <summary>
    /// Three indexed queries: the customer with identities and open-item counts, subscriptions, first timeline page.
    /// Compiled once: the 360 is the most read page, and translating its LINQ on every request cost more than running it.
    /// </summary>
    public static async Task<Customer360?> Load360Async(
        TouchpointDbContext db, ContractRuleBook rules, Guid id, DateOnly today, int timelineLimit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // One connection for the queries (and the caller's audit entry) instead of a pool round trip each;
        // the context closes it when disposed.
        await db.Database.OpenConnectionAsync(cancellationToken);
        var row = await CustomerWithOpenItems.For(db)(db, id, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var customer = ToView(row.Customer, row.Identities);
        var subscriptions = await SubscriptionsAsync(db, rules, id, SubscriptionContracts.JurisdictionOf(customer.Jurisdiction), today, cancellationToken);
        var timeline = await Timeline.PageAsync(db, id, new TimelineFilter(), null, timelineLimit, cancellationToken);
        return new Customer360(customer, subscriptions, new OpenItems(row.OpenCases, row.OpenPromises), timeline);
    }

    private sealed record CustomerWithCounts(Customer Customer, List<CustomerIdentity> Identities, int OpenCases, int OpenPromises);

    private sealed record SubscriptionRow(Subscriptions.Subscription Subscription, string Code, string Name, string Technology);

    // The counts are scalar subqueries on the (CustomerId, Status) and (CustomerId, State, DueAt) indexes, in the
    // customer's own round trip.
    private static readonly PerModelQuery<Func<TouchpointDbContext, Guid, CancellationToken, Task<CustomerWithCounts?>>> CustomerWithOpenItems = new(() =>
        EF.CompileAsyncQuery((TouchpointDbContext db, Guid id, CancellationToken cancellationToken) =>
            db.Customers.AsNoTracking()
                .Where(c => c.Id == id)
                .Select(c => new CustomerWithCounts(
                    c,
                    c.Identities.ToList(),
                    db.Cases.Count(k => k.CustomerId == id && CaseViews.OpenStatuses.Contains(k.Status)),
                    db.Promises.Where(p => p.CustomerId == id).Count(PromiseViews.IsOwed)))
                .FirstOrDefault()));

    private static readonly PerModelQuery<Func<TouchpointDbContext, Guid, IAsyncEnumerable<SubscriptionRow>>> SubscriptionRows = new(() =>
        EF.CompileAsyncQuery((TouchpointDbContext db, Guid customerId) =>
            db.Subscriptions.AsNoTracking()
                .Where(s => s.CustomerId == customerId)
                .OrderBy(s => s.StartDate)
                .Select(s => new SubscriptionRow(s, s.Plan!.Code, s.Plan.Name, s.Plan.Technology))));
}
