using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Interactions;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Subscriptions;

public sealed record CreateSubscriptionInput(
    Guid? CustomerId, Guid? PlanId, string? PlanCode, string? Msisdn, AddressInput? ServiceAddress,
    decimal? MonthlyPrice, DateOnly? StartDate, int? BindingMonths, string? Status);

public sealed class SubscriptionCommands(TouchpointDbContext db, TimeProvider clock, CurrentActor currentActor)
{
    public async Task<Outcome<Subscription>> CreateAsync(CreateSubscriptionInput input, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        if (input.CustomerId is not { } customerId)
        {
            return new Failure.Invalid("customerId", "customerId is required.");
        }

        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken);
        if (customer is null)
        {
            return new Failure.Invalid("customerId", $"There is no customer with id '{customerId}'.");
        }

        if (customer.Status == CustomerStatus.Merged)
        {
            return new Failure.Invalid("customerId", $"Customer {customerId} was merged into {customer.MergedIntoId}.");
        }

        var plan = input.PlanId is { } planId
            ? await db.Plans.FirstOrDefaultAsync(p => p.Id == planId, cancellationToken)
            : await db.Plans.FirstOrDefaultAsync(p => p.Code == input.PlanCode, cancellationToken);
        if (plan is null)
        {
            return new Failure.Invalid(input.PlanId is null ? "planCode" : "planId", "There is no such plan.");
        }

        var bindingMonths = input.BindingMonths ?? 0;
        if (!plan.BindingMonths.Contains(bindingMonths))
        {
            return new Failure.Invalid("bindingMonths", $"Plan {plan.Code} offers binding of {string.Join(", ", plan.BindingMonths)} months.");
        }

        if (customer.NeverOfferBinding && bindingMonths > 0)
        {
            return new Failure.Invalid("bindingMonths", "The customer never wants a binding period (their standing preference).");
        }

        var status = SubscriptionStatus.Active;
        if (input.Status is not null && !SubscriptionStatuses.TryParse(input.Status, out status, out var statusError))
        {
            return new Failure.Invalid("status", statusError);
        }

        string? msisdn = null;
        if (input.Msisdn is not null)
        {
            var jurisdiction = Jurisdictions.TryParse(customer.Jurisdiction, out var parsed, out _) ? parsed : Jurisdiction.SE;
            if (!IdentityNormalizer.TryNormalize(IdentityKind.Msisdn, input.Msisdn, jurisdiction, out var normalized, out var msisdnError))
            {
                return new Failure.Invalid("msisdn", msisdnError);
            }

            msisdn = normalized;
            var liveStatuses = new[] { "terminated" };
            if (await db.Subscriptions.AnyAsync(s => s.Msisdn == msisdn && !liveStatuses.Contains(s.Status), cancellationToken))
            {
                return new Failure.Conflict($"The number {msisdn} is already in use on a live subscription.");
            }
        }

        Address? address = null;
        if (input.ServiceAddress is { } addressInput)
        {
            var validAddress = CustomerValidation.ValidateAddress("serviceAddress", addressInput);
            if (validAddress.Failure is { } invalid)
            {
                return invalid;
            }

            address = validAddress.Value;
        }

        if (msisdn is null && address is null)
        {
            return new Failure.Invalid("msisdn", "A subscription needs a phone number (msisdn) or a service address.");
        }

        if (input.MonthlyPrice is < 0)
        {
            return new Failure.Invalid("monthlyPrice", "monthlyPrice cannot be negative.");
        }

        var start = input.StartDate ?? today;
        var subscription = new Subscription
        {
            CustomerId = customer.Id,
            PlanId = plan.Id,
            Msisdn = msisdn,
            ServiceAddress = address,
            MonthlyPrice = input.MonthlyPrice ?? plan.MonthlyPrice,
            StartDate = start,
            BindingEndDate = bindingMonths == 0 ? null : start.AddMonths(bindingMonths),
            Status = status.ToWireName(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Subscriptions.Add(subscription);
        db.TimelineEntries.Add(new TimelineEntry
        {
            CustomerId = customer.Id,
            // A subscription recorded late (an import, history) sits on the timeline where it began.
            At = start < today ? start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) : now,
            Kind = TimelineEntryKind.SubscriptionChange.ToWireName(),
            Title = $"Subscription {plan.Name} started",
            Detail = bindingMonths == 0 ? "No binding." : $"Binding {bindingMonths} months, until {subscription.BindingEndDate:yyyy-MM-dd}.",
            ActorName = currentActor.Get().UserName,
            SourceId = subscription.Id.ToString(),
        });
        await db.SaveChangesAsync(cancellationToken);
        subscription.Plan = plan;
        return subscription;
    }
}
