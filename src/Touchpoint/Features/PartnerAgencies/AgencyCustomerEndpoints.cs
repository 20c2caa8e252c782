using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.PartnerAgencies;

public sealed record GiveCustomerInput(Guid? CustomerId);

public sealed record AgencyCustomerView(Guid CustomerId, string CustomerNumber, string Name, DateTime GivenAt, string GivenBy);

/// <summary>Team leads give customers to a partner agency to contact, and take them back.</summary>
public static class AgencyCustomerEndpoints
{
    public static IEndpointRouteBuilder MapAgencyCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        var given = app.MapGroup("/api/partner-agencies/{id:guid}/customers").WithTags("Partner agencies").RequireAuthorization(Policies.TeamLead);
        given.MapGet("/", List).WithSummary("The customers given to the agency, newest first, paged: the only customers its agents may record a contact with.");
        given.MapPost("/", Give).WithSummary("Give a customer to the agency to contact; giving one already given changes nothing; one who objected to marketing (GDPR Art. 21) is a 409.");
        given.MapDelete("/{customerId:guid}", TakeBack).WithSummary("Take a customer back: the agency's agents can no longer record contacts with them.");
        return app;
    }

    internal static async Task<Results<Ok<List<AgencyCustomerView>>, ValidationProblem, NotFoundProblem>> List(
        Guid id, int? offset, int? limit, HttpResponse response, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        if (!Page.TryCreate(offset, limit, out var page, out var problem))
        {
            return problem!;
        }

        if (!await db.PartnerAgencies.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return NoAgency(id);
        }

        var given = from g in db.AgencyCustomers.AsNoTracking()
                    join c in db.Customers on g.CustomerId equals c.Id
                    where g.PartnerAgencyId == id
                    select new { g.CustomerId, c.Number, c.Name, g.GivenAt, g.GivenBy };
        var total = await given.CountAsync(cancellationToken);
        var rows = await given.OrderByDescending(g => g.GivenAt).ThenBy(g => g.CustomerId).Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken);
        Page.WriteHeaders(response, total, rows.Count);
        return TypedResults.Ok(rows.Select(g => new AgencyCustomerView(g.CustomerId, CustomerNumber.Format(g.Number), g.Name, g.GivenAt, g.GivenBy)).ToList());
    }

    internal static async Task<Results<Created<AgencyCustomerView>, Ok<AgencyCustomerView>, ValidationProblem, NotFoundProblem, ConflictProblem>> Give(
        Guid id, GiveCustomerInput input, TouchpointDbContext db, TimeProvider clock, CurrentActor actor, CancellationToken cancellationToken)
    {
        if (!await db.PartnerAgencies.AnyAsync(a => a.Id == id, cancellationToken))
        {
            return NoAgency(id);
        }

        if (input.CustomerId is not { } customerId)
        {
            return ProblemResults.Invalid("customerId", "customerId is required.");
        }

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId).Select(c => new { c.Number, c.Name, c.Status, c.MarketingObjection, c.MarketingObjectionAt }).FirstOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return ProblemResults.Invalid("customerId", $"There is no customer with id '{customerId}'.");
        }

        if (customer.Status == CustomerStatus.Merged)
        {
            return ProblemResults.Invalid("customerId", $"Customer {customerId} was merged into another; give the customer it was merged into.");
        }

        // An agency's list is a call list of sellers (S0-1): nobody who objected to direct marketing is on it (GDPR-21).
        if (customer.MarketingObjection)
        {
            return ProblemResults.Conflict(
                $"Customer {customerId} objected to direct marketing (GDPR Art. 21) and cannot be given to a partner agency to contact.",
                new Dictionary<string, object?> { ["rule"] = "GDPR-21", ["marketingObjection"] = true, ["marketingObjectionAt"] = customer.MarketingObjectionAt });
        }

        if (await db.AgencyCustomers.AsNoTracking().FirstOrDefaultAsync(g => g.PartnerAgencyId == id && g.CustomerId == customerId, cancellationToken) is { } already)
        {
            return TypedResults.Ok(new AgencyCustomerView(customerId, CustomerNumber.Format(customer.Number), customer.Name, already.GivenAt, already.GivenBy));
        }

        var gift = new AgencyCustomer { PartnerAgencyId = id, CustomerId = customerId, GivenAt = clock.GetUtcNow().UtcDateTime, GivenBy = actor.Get().DisplayName };
        db.AgencyCustomers.Add(gift);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/partner-agencies/{id}/customers",
            new AgencyCustomerView(customerId, CustomerNumber.Format(customer.Number), customer.Name, gift.GivenAt, gift.GivenBy));
    }

    internal static async Task<Results<NoContent, NotFoundProblem>> TakeBack(Guid id, Guid customerId, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var gift = await db.AgencyCustomers.FirstOrDefaultAsync(g => g.PartnerAgencyId == id && g.CustomerId == customerId, cancellationToken);
        if (gift is null)
        {
            return ProblemResults.NotFound($"Customer {customerId} is not given to partner agency {id}.");
        }

        db.AgencyCustomers.Remove(gift);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static NotFoundProblem NoAgency(Guid id) => ProblemResults.NotFound($"There is no partner agency with id '{id}'.");
}
