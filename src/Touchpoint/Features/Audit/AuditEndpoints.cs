using System.Data.Common;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Audit;

/// <summary>An admin's request to see the personal values an audit entry keeps.</summary>
public sealed record RevealInput(string? Reason);

/// <summary>Filters of the audit log; every one is optional.</summary>
/// <param name="CustomerId">Entries about this customer: their own row and every row of theirs.</param>
public sealed record AuditQuery(string? UserName, string? EntityType, string? EntityId, AuditAction? Action, DateTime? From, DateTime? To, Guid? CustomerId = null);

public static class AuditEndpoints
{
    public static RouteGroupBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Admin);
        group.MapGet("/", List).WithSummary("The audit log, newest first, filtered by user, customer (number or id), entity, action and time, and paged; who acted and what about are named; changes show old → new, personal values masked.")
            // Reads of the log about the customers it names would fill the log with itself, each look adding to what the next one shows.
            // It is the admins' own, masked, and an unmasked value is shown only through reveal, which is audited.
            .WithoutReadAudit("the audit log itself");
        group.MapPost("/{id:long}/reveal", Reveal)
            .WithSummary("The entry with its personal values unmasked, for a stated reason; the request is itself audited as a read.");
        group.MapGet("/verification", Verify)
            .WithSummary("Recomputes the audit log's hash chain, as `touchpoint verify-audit` does: seals and entries checked, entries not sealed yet, and the first seals that do not match.");
        return group;
    }

    internal static async Task<Ok<AuditVerificationResult>> Verify(AuditVerification verification, CancellationToken cancellationToken) =>
        TypedResults.Ok(await verification.RunAsync(progress: null, cancellationToken));

    internal static async Task<Results<Ok<List<AuditEntryView>>, ValidationProblem, UnavailableProblem>> List(
        TouchpointDbContext db, AuditJournal journal, HttpResponse response,
        string? userName, string? entityType, string? entityId, string? customer, string? action, DateTime? from, DateTime? to,
        int? offset, int? limit, CancellationToken cancellationToken)
    {
        if (!Page.TryCreate(offset, limit, out var page, out var problem))
        {
            return problem!;
        }

        AuditAction? parsedAction = null;
        if (!string.IsNullOrEmpty(action))
        {
            if (!Enum.TryParse<AuditAction>(action, ignoreCase: true, out var known))
            {
                return ProblemResults.Invalid("action", $"action must be one of {string.Join(", ", Enum.GetNames<AuditAction>())}.");
            }

            parsedAction = known;
        }

        if (from is { } start && to is { } end && ToUtc(end) < ToUtc(start))
        {
            return ProblemResults.Invalid("to", "to must not be before from.");
        }

        Guid? customerId = null;
        if (!string.IsNullOrWhiteSpace(customer))
        {
            var (found, error) = await CustomerAsync(db, customer, cancellationToken);
            if (error is not null)
            {
                return ProblemResults.Invalid("customer", error);
            }

            customerId = found;
        }

        if (await BringUpToDateAsync(journal, cancellationToken) is { } notUpToDate)
        {
            return ProblemResults.Unavailable("The audit log is not up to date.", notUpToDate);
        }

        var query = Filter(db.AuditEntries.AsNoTracking(), new AuditQuery(userName, entityType, entityId, parsedAction, ToUtc(from), ToUtc(to), customerId));
        var total = await query.CountAsync(cancellationToken);
        var entries = await NewestFirst(query).Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken);
        Page.WriteHeaders(response, total, entries.Count);
        return TypedResults.Ok(await AuditNames.NameAsync(db, [.. entries.Select(e => AuditViews.ToView(e))], cancellationToken));
    }

    /// <summary>The customer a filter means: their customer number, as staff know them, or their id.</summary>
    public static async Task<(Guid Id, string? Error)> CustomerAsync(TouchpointDbContext db, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Guid.TryParse(text, out var id))
        {
            return (id, null);
        }

        if (!CustomerNumber.TryParse(text, out var number))
        {
            return (Guid.Empty, $"customer must be a customer number ({CustomerNumber.Digits} digits, the last a check digit) or a customer id.");
        }

        var found = await db.Customers.AsNoTracking().Where(c => c.Number == number).Select(c => (Guid?)c.Id).SingleOrDefaultAsync(cancellationToken);
        return found is { } customerId ? (customerId, null) : (Guid.Empty, $"No customer has the number {CustomerNumber.Format(number)}.");
    }

    internal static async Task<Results<Ok<AuditEntryView>, CommandProblem>> Reveal(
        long id, RevealInput input, AuditDisclosure disclosure, CancellationToken cancellationToken)
    {
        var outcome = await disclosure.RevealAsync(id, input.Reason, cancellationToken);
        return outcome.Failure is { } failure ? failure.ToResult() : TypedResults.Ok(outcome.Value!);
    }

    /// <summary>
    /// Moves the reads still in the journal into the log, so whoever looks sees every read made before they looked.
    /// Null when done; otherwise why not (the entries stay in the journal and are moved later).
    /// </summary>
    public static async Task<string?> BringUpToDateAsync(AuditJournal journal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(journal);
        try
        {
            await journal.MoveAsync(cancellationToken);
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or DbException or DbUpdateException or InvalidOperationException)
        {
            return $"Reads recorded in the audit journal could not be moved into the log ({exception.GetBaseException().Message}); they are kept and moved when the database takes them.";
        }
    }

    /// <summary>By time, not id: reads get their ids when they are moved from the journal, a moment after they happened.</summary>
    public static IQueryable<AuditEntry> NewestFirst(IQueryable<AuditEntry> entries) =>
        entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id);

    /// <summary>Shared by the API and the admin page.</summary>
    public static IQueryable<AuditEntry> Filter(IQueryable<AuditEntry> entries, AuditQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.UserName))
        {
            entries = entries.Where(e => e.UserName == query.UserName);
        }

        if (query.CustomerId is { } customerId)
        {
            entries = AuditEntry.About(entries, [customerId]);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityType))
        {
            entries = entries.Where(e => e.EntityType == query.EntityType);
        }

        if (!string.IsNullOrWhiteSpace(query.EntityId))
        {
            entries = entries.Where(e => e.EntityId == query.EntityId);
        }

        if (query.Action is { } action)
        {
            entries = entries.Where(e => e.Action == action);
        }

        if (query.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }

        if (query.To is { } to)
        {
            entries = entries.Where(e => e.At < to);
        }

        return entries;
    }

    private static DateTime? ToUtc(DateTime? value) => value?.Kind switch
    {
        null => null,
        DateTimeKind.Utc => value,
        DateTimeKind.Local => value.Value.ToUniversalTime(),
        _ => DateTime.SpecifyKind(value!.Value, DateTimeKind.Utc),
    };
}
