using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Contracts;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Privacy.Objection;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Customers;

/// <summary>
/// Every change to a customer goes through here, whichever door it came in by (own API, TMF API,
/// import, web UI): one validation, one transaction, the timeline written with the change.
/// </summary>
public sealed class CustomerCommands(TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor, MarketingObjections objections)
{
    public async Task<Outcome<Customer>> CreateAsync(CreateCustomerInput input, CancellationToken cancellationToken)
    {
        var validated = CustomerValidation.ValidateNew(input, Today);
        if (validated.Failure is { } invalid)
        {
            return invalid;
        }

        var customer = validated.Value!;
        if (await FindConflictAsync(customer.Identities, customer.Id, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        Add(customer);
        return await SaveOrConflictAsync(customer, customer.Identities, cancellationToken);
    }

    /// <summary>
    /// Adds a contact for someone who wrote in (an unknown sender) to the caller's unit of work, without saving it: the
    /// caller has just looked the sender's identity up and found no one, and saves the contact with what they sent.
    /// Should someone else add that identity meanwhile, its unique index fails the caller's save.
    /// </summary>
    public Outcome<Customer> AddUnknownSender(CreateCustomerInput input)
    {
        var validated = CustomerValidation.ValidateNew(input, Today);
        if (validated.Failure is { } invalid)
        {
            return invalid;
        }

        var customer = validated.Value!;
        Add(customer);
        return customer;
    }

    /// <summary>A validated new customer into the unit of work, stamped now, with the tokens name search finds them by.</summary>
    private void Add(Customer customer)
    {
        var now = Now;
        customer.CreatedAt = now;
        customer.UpdatedAt = now;
        // Someone known only by a contact has no contract to wait for: the retention purge looks at him from the start.
        customer.PrivacyReviewAt = now;
        // A new customer has no agency to be taken from yet; the objection only needs its time.
        customer.MarketingObjectionAt = customer.MarketingObjection ? now : null;
        foreach (var identity in customer.Identities)
        {
            identity.AddedAt = now;
        }

        db.Customers.Add(customer);
        db.CustomerNameTokens.AddRange(NameTokens(customer));
    }

    /// <summary>
    /// Changes name, kind, addresses and preferences. Every field is checked before anything changes, so a bad one leaves
    /// the customer as stored. What changed goes on the timeline (the values, masked where personal, in the audit); a change
    /// of kind says what it means for the customer's contracts (TP-5).
    /// </summary>
    public async Task<Outcome<Customer>> UpdateAsync(Guid id, UpdateCustomerInput input, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.Include(c => c.Identities).FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return NotFound(id);
        }

        if (customer.Status == CustomerStatus.Merged)
        {
            return new Failure.Conflict($"Customer {id} was merged into {customer.MergedIntoId}; change that record instead.",
                new Dictionary<string, object?> { ["mergedInto"] = customer.MergedIntoId });
        }

        string? name = null;
        if (input.Name is not null && !CustomerNames.TryValidate(input.Name, out name, out var nameError))
        {
            return new Failure.Invalid("name", nameError);
        }

        var kind = customer.Kind;
        if (input.Kind is not null && !CustomerKinds.TryParse(input.Kind, out kind, out _))
        {
            return CustomerValidation.InvalidKind(input.Kind);
        }

        var serviceAddress = OptionalAddress("serviceAddress", input.ServiceAddress);
        var billingAddress = OptionalAddress("billingAddress", input.BillingAddress);
        if ((serviceAddress.Failure ?? billingAddress.Failure) is { } invalidAddress)
        {
            return invalidAddress;
        }

        var preferencesBefore = CustomerPreferences.Read(customer);
        var preferences = CustomerValidation.ValidatePreferences("preferences", input.Preferences, preferencesBefore);
        if (preferences.Failure is { } invalidPreferences)
        {
            return invalidPreferences;
        }

        var now = Now;
        var changed = new List<string>();
        if (name is not null && name != customer.Name)
        {
            customer.Name = name;
            customer.NameKey = CustomerNames.SearchKey(name);
            await ReplaceNameTokensAsync(customer, cancellationToken);
            changed.Add("name");
        }

        if (serviceAddress.Value is { } service && service != customer.ServiceAddress)
        {
            customer.ServiceAddress = service;
            changed.Add("service address");
        }

        if (billingAddress.Value is { } billing && billing != customer.BillingAddress)
        {
            customer.BillingAddress = billing;
            changed.Add("billing address");
        }

        if (changed.Count > 0)
        {
            AddTimeline(id, TimelineEntryKind.CustomerChange, "Customer details changed",
                $"Changed: {string.Join(", ", changed)}. The old and new values are in the customer's change history.", now,
                StoredText.Of("Timeline.Customer.DetailsChanged"));
        }

        var kindChanged = kind != customer.Kind;
        if (kindChanged)
        {
            await ChangeKindAsync(customer, kind, now, cancellationToken);
        }

        // An objection goes through the one command every channel uses (GDPR-21): it also takes the customer off every
        // agency's list and has its own timeline entry. Its withdrawal, only here, is one of the preference changes.
        var preferencesAfter = preferences.Value!;
        var objects = preferencesAfter.MarketingObjection && !preferencesBefore.MarketingObjection;
        var preferenceChanges = ContactPreferences.DescribeChanges(preferencesBefore, objects ? preferencesAfter with { MarketingObjection = false } : preferencesAfter);
        if (preferenceChanges.Count > 0 || objects)
        {
            CustomerPreferences.Write(customer, preferencesAfter);
        }

        if (preferenceChanges.Count > 0)
        {
            if (!preferencesAfter.MarketingObjection && preferencesBefore.MarketingObjection)
            {
                MarketingObjections.Withdraw(customer);
            }

            AddTimeline(customer.Id, TimelineEntryKind.PreferenceChange, "Preferences changed", string.Join(" ", preferenceChanges), now,
                StoredText.Of("Timeline.Customer.PreferencesChanged"));
        }

        if (objects)
        {
            await objections.ApplyAsync(customer, null, now, null, cancellationToken);
        }

        // What is sent as it is stored changes nothing, so nothing is saved, stamped or audited.
        if (changed.Count > 0 || kindChanged || preferenceChanges.Count > 0 || objects)
        {
            customer.UpdatedAt = now;
            await db.SaveChangesAsync(cancellationToken);
        }

        return customer;
    }

    public async Task<Outcome<CustomerIdentity>> AddIdentityAsync(Guid id, IdentityInput input, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (customer is null)
        {
            return NotFound(id);
        }

        if (!Jurisdictions.TryParse(customer.Jurisdiction, out var jurisdiction, out _))
        {
            throw new InvalidOperationException($"Customer {id} has an unknown jurisdiction '{customer.Jurisdiction}'.");
        }

        var parsed = CustomerValidation.ValidateIdentity("", input, jurisdiction, Today);
        if (parsed.Failure is { } invalid)
        {
            return invalid;
        }

        var identity = parsed.Value!;
        identity.CustomerId = id;
        identity.AddedAt = Now;
        if (await FindConflictAsync([identity], id, cancellationToken) is { } conflict)
        {
            return conflict;
        }

        if (await db.CustomerIdentities.AnyAsync(i => i.CustomerId == id && i.Kind == identity.Kind && i.Value == identity.Value, cancellationToken))
        {
            return identity;
        }

        db.CustomerIdentities.Add(identity);
        AddTimeline(id, TimelineEntryKind.IdentityAdded, $"Identity added: {identity.Kind}", identity.Value, identity.AddedAt,
            StoredText.Of("Timeline.Customer.IdentityAdded", StoredText.Code("IdentityKind", identity.Kind)));
        var saved = await SaveOrConflictAsync(customer, [identity], cancellationToken);
        return saved.Failure is { } failure ? failure : identity;
    }

    /// <summary>
    /// Person ↔ business. Contracts already sold keep what they were sold as (TP-5): a consumer who becomes a business keeps
    /// the withdrawal right and binding limits of everything sold while a consumer; the timeline says so.
    /// </summary>
    private async Task ChangeKindAsync(Customer customer, CustomerKind kind, DateTime now, CancellationToken cancellationToken)
    {
        var consumerContracts = kind.IsConsumer()
            ? 0
            : await db.Subscriptions.CountAsync(s => s.CustomerId == customer.Id && s.SoldToConsumer && s.Status != SubscriptionStatus.Terminated, cancellationToken);
        AddTimeline(customer.Id, TimelineEntryKind.CustomerChange, $"Customer kind changed: {customer.Kind.ToWireName()} → {kind.ToWireName()}",
            ConsumerContracts.KindChanged(customer.Kind, kind, consumerContracts), now,
            StoredText.Of("Timeline.Customer.KindChanged", StoredText.Code("CustomerKind", customer.Kind.ToWireName()), StoredText.Code("CustomerKind", kind.ToWireName())));
        customer.Kind = kind;
    }

    /// <summary>The search tokens of a renamed customer: only the words that changed, in the same save as the name.</summary>
    private async Task ReplaceNameTokensAsync(Customer customer, CancellationToken cancellationToken)
    {
        var stored = await db.CustomerNameTokens.Where(t => t.CustomerId == customer.Id).ToListAsync(cancellationToken);
        var wanted = NameTokens(customer).ToList();
        db.CustomerNameTokens.RemoveRange(stored.Where(s => !wanted.Any(w => w.Token == s.Token)));
        db.CustomerNameTokens.AddRange(wanted.Where(w => !stored.Any(s => s.Token == w.Token)));
    }

    private static Outcome<Address?> OptionalAddress(string field, AddressInput? input)
    {
        if (input is null)
        {
            return (Address?)null;
        }

        var parsed = CustomerValidation.ValidateAddress(field, input);
        if (parsed.Failure is { } invalid)
        {
            return invalid;
        }

        return parsed.Value;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private DateOnly Today => DateOnly.FromDateTime(Now);

    private static Failure.NotFound NotFound(Guid id) => new($"There is no customer with id '{id}'.");

    private void AddTimeline(Guid customerId, TimelineEntryKind kind, string title, string detail, DateTime at, StoredText titleText)
    {
        var actor = currentActor.Get();
        db.AddRow(new TimelineEntry
        {
            CustomerId = customerId,
            At = at,
            Kind = kind,
            Title = title,
            Detail = detail,
            ActorName = actor.DisplayName,
        }.Says(titleText));
    }

    /// <summary>The first identity that already belongs to another customer, as a 409 naming the owner.</summary>
    private async Task<Failure.Conflict?> FindConflictAsync(IReadOnlyCollection<CustomerIdentity> identities, Guid customerId, CancellationToken cancellationToken)
    {
        var values = identities.Select(i => i.Value).ToList();
        var owners = await db.CustomerIdentities.AsNoTracking()
            .Where(i => values.Contains(i.Value) && i.CustomerId != customerId)
            .Select(i => new { i.Kind, i.Value, i.CustomerId })
            .ToListAsync(cancellationToken);
        var clash = owners.FirstOrDefault(o => identities.Any(i => i.Kind == o.Kind && i.Value == o.Value));
        return clash is null
            ? null
            : new Failure.Conflict($"The {clash.Kind} {clash.Value} already belongs to customer {clash.CustomerId}.",
                new Dictionary<string, object?> { ["ownerId"] = clash.CustomerId, ["identityKind"] = clash.Kind, ["identityValue"] = clash.Value });
    }

    /// <summary>Saves; a unique-index clash with a concurrent writer becomes the same 409 as a clash found up front.</summary>
    private async Task<Outcome<Customer>> SaveOrConflictAsync(Customer customer, IReadOnlyCollection<CustomerIdentity> identities, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return customer;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return await FindConflictAsync(identities, customer.Id, cancellationToken) is { } conflict
                ? conflict
                : throw new InvalidOperationException($"Saving customer {customer.Id} failed.");
        }
    }

    internal static IEnumerable<CustomerNameToken> NameTokens(Customer customer) =>
        customer.NameKey.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(token => token.Length > 100 ? token[..100] : token)
            .Distinct(StringComparer.Ordinal)
            .Select(token => new CustomerNameToken { CustomerId = customer.Id, Token = token });
}
