using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Contracts;
using Touchpoint.Features.Contracts;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Subscriptions;

public static class SubscriptionEndpoints
{
    public static IEndpointRouteBuilder MapSubscriptionEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/subscriptions", Create)
            .WithTags("Subscriptions")
            .RequireAuthorization(Policies.OwnStaff)
            .WithSummary("Start a subscription for a customer on a plan; binding only as the plan and the customer allow.");
        return app;
    }

    internal static async Task<Results<Created<SubscriptionView>, CommandProblem>> Create(
        CreateSubscriptionInput input, SubscriptionCommands commands, ContractRuleBook rules, TouchpointDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var outcome = await commands.CreateAsync(input, cancellationToken);
        if (outcome.Failure is { } failure)
        {
            return failure.ToResult();
        }

        var subscription = outcome.Value!;
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var jurisdiction = await db.Customers.AsNoTracking().Where(c => c.Id == subscription.CustomerId).Select(c => c.Jurisdiction).FirstAsync(cancellationToken);
        var terms = rules.TermsOn(subscription, SubscriptionContracts.JurisdictionOf(jurisdiction), today);
        return TypedResults.Created($"/tmf-api/productInventory/v4/product/{subscription.Id}",
            CustomerViews.ToView(subscription, subscription.Plan!.Code, subscription.Plan.Name, subscription.Plan.Technology, terms));
    }
}
