using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Interactions;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Customers;

public static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/customers").WithTags("Customers").RequireAuthorization(Policies.OwnStaff);
        group.MapGet("/", Search).WithSummary("Find customers by any identity (exact hits first) or the beginnings of name words.");
        group.MapPost("/", Create).WithSummary("Create a customer with identities and preferences.");
        group.MapGet("/{id:guid}", Get)
            .ProducesValidationProblem() // a timelineLimit that is not a number
            .WithSummary("The 360 view: who, identities, preferences, subscriptions with terms, open items, latest timeline.");
        group.MapPatch("/{id:guid}", Update).WithSummary("Change name, kind (person or business), addresses or preferences; every change goes on the timeline and in the audit with old → new.");
        group.MapPost("/{id:guid}/identities", AddIdentity).WithSummary("Add an identity; one that belongs to another customer is a 409 naming the owner.");
        group.MapGet("/{id:guid}/timeline", GetTimeline)
            .WithSummary("The customer's history, newest first, filtered by kind and channel, in keyset pages; each entry's text in language (en, sv), else the caller's own.");
        group.MapGet("/{id:guid}/changes", GetChanges)
            .WithSummary("Who changed the customer and their subscriptions, when, and what: old → new per field, personal values masked; paged.");
        return app;
    }

    internal static async Task<Results<Ok<List<CustomerHit>>, ValidationProblem>> Search(
        string? q, int? limit, TouchpointDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(q) || q.Length > 200)
        {
            return ProblemResults.Invalid("q", "q is required: a phone number, e-mail, national id, legacy id or part of a name (at most 200 characters).");
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return TypedResults.Ok(await CustomerSearch.SearchAsync(db, q, limit ?? 20, today, cancellationToken));
    }

    internal static async Task<Results<Created<CustomerView>, CommandProblem>> Create(
        CreateCustomerInput input, CustomerCommands commands, CancellationToken cancellationToken)
    {
        var outcome = await commands.CreateAsync(input, cancellationToken);
        return outcome.Failure is { } failure
            ? failure.ToResult()
            : TypedResults.Created($"/api/customers/{outcome.Value!.Id}", CustomerViews.ToView(outcome.Value, outcome.Value.Identities));
    }

    internal static async Task<Results<Ok<Customer360>, NotFoundProblem>> Get(
        Guid id, int? timelineLimit, ClaimsPrincipal principal, TouchpointDbContext db, Domain.Contracts.ContractRuleBook rules, TimeProvider clock, ReadAudit readAudit,
        CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var view = await CustomerViews.Load360Async(db, rules, id, today, timelineLimit ?? Timeline.DefaultLimit, cancellationToken);
        if (view is null)
        {
            return ProblemResults.NotFound($"There is no customer with id '{id}'.");
        }

        // The latest entries read as the timeline endpoint gives them: in the caller's own language.
        var culture = await StaffLanguage.ReaderCultureAsync(db, principal.FindFirstValue(ClaimTypes.NameIdentifier), null, cancellationToken);
        view = view with { Timeline = view.Timeline with { Items = [.. view.Timeline.Items.Select(item => item.In(culture))] } };

        readAudit.Record(nameof(Customer), id.ToString(), "360 view");
        return TypedResults.Ok(view);
    }

    internal static async Task<Results<Ok<CustomerView>, CommandProblem>> Update(
        Guid id, UpdateCustomerInput input, CustomerCommands commands, CancellationToken cancellationToken)
    {
        var outcome = await commands.UpdateAsync(id, input, cancellationToken);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Ok(CustomerViews.ToView(outcome.Value!, outcome.Value!.Identities));
    }

    internal static async Task<Results<Created<IdentityView>, CommandProblem>> AddIdentity(
        Guid id, IdentityInput input, CustomerCommands commands, CancellationToken cancellationToken)
    {
        var outcome = await commands.AddIdentityAsync(id, input, cancellationToken);
        return outcome.Failure is { } failure
            ? failure.ToResult()
            : TypedResults.Created($"/api/customers/{id}", new IdentityView(outcome.Value!.Kind, outcome.Value.Value, outcome.Value.AddedAt));
    }

    internal static async Task<Results<Ok<TimelinePage>, ValidationProblem, NotFoundProblem>> GetTimeline(
        Guid id, string? kind, string? channel, string? cursor, int? limit, string? language, ClaimsPrincipal principal, TouchpointDbContext db, ReadAudit readAudit,
        CancellationToken cancellationToken)
    {
        if (!StaffLanguages.TryValidateAsked(language, out var asked, out var languageError))
        {
            return ProblemResults.Invalid("language", languageError);
        }

        if (!Timeline.IsValidCursor(cursor))
        {
            return ProblemResults.Invalid("cursor", "cursor is not one this API returned.");
        }

        if (limit is < 1 or > Timeline.MaxLimit)
        {
            return ProblemResults.Invalid("limit", $"limit must be between 1 and {Timeline.MaxLimit}.");
        }

        var kinds = new List<TimelineEntryKind>();
        foreach (var name in Split(kind) ?? [])
        {
            if (!TimelineEntryKinds.TryParse(name, out var parsed, out var error))
            {
                return ProblemResults.Invalid("kind", error);
            }

            kinds.Add(parsed);
        }

        var channels = Split(channel);
        foreach (var name in channels ?? [])
        {
            if (!Domain.Interactions.InteractionChannels.TryParse(name, out _, out var error))
            {
                return ProblemResults.Invalid("channel", error);
            }
        }

        if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return ProblemResults.NotFound($"There is no customer with id '{id}'.");
        }

        var page = await Timeline.PageAsync(db, id, new TimelineFilter(kinds, channels), cursor, limit ?? Timeline.DefaultLimit, cancellationToken);
        var culture = await StaffLanguage.ReaderCultureAsync(db, principal.FindFirstValue(ClaimTypes.NameIdentifier), asked, cancellationToken);
        readAudit.Record(nameof(Customer), id.ToString(), "timeline");
        return TypedResults.Ok(page with { Items = [.. page.Items.Select(item => item.In(culture))] });
    }

    internal static async Task<Results<Ok<List<AuditEntryView>>, ValidationProblem, NotFoundProblem>> GetChanges(
        Guid id, int? offset, int? limit, HttpResponse response, TouchpointDbContext db, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        if (!Page.TryCreate(offset, limit, out var page, out var problem))
        {
            return problem!;
        }

        if (!await db.Customers.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return ProblemResults.NotFound($"There is no customer with id '{id}'.");
        }

        var (items, total) = await ChangeHistory.ForCustomerAsync(db, id, page, cancellationToken);
        readAudit.Record(nameof(Customer), id.ToString(), "change history");
        Page.WriteHeaders(response, total, items.Count);
        return TypedResults.Ok(items);
    }

    private static List<string>? Split(string? csv) =>
        string.IsNullOrWhiteSpace(csv) ? null : csv.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
