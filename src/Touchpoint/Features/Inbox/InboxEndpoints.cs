using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Features.Live;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Inbox;

public sealed record NotificationView(long Id, DateTime At, string Kind, string Title, string Detail, string? Link, Guid? CustomerId, DateTime? ReadAt);

public sealed record InboxView(int Unread, IReadOnlyList<NotificationView> Items);

/// <summary>Each user sees and marks only their own notifications.</summary>
public static class InboxEndpoints
{
    public static IEndpointRouteBuilder MapInboxEndpoints(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapGroup("/api/inbox").WithTags("Inbox");
        inbox.MapGet("/", List).WithSummary("My notifications, newest first; unreadOnly=true leaves out the read ones.");
        inbox.MapPost("/{id:long}/read", MarkRead).WithSummary("Mark one of my notifications read.");
        inbox.MapPost("/read-all", MarkAllRead).WithSummary("Mark all my notifications read.");
        return app;
    }

    internal static async Task<Results<Ok<InboxView>, ValidationProblem>> List(
        ClaimsPrincipal principal, bool? unreadOnly, int? offset, int? limit, HttpResponse response, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        if (!Page.TryCreate(offset, limit, out var page, out var problem))
        {
            return problem!;
        }

        var userId = UserId(principal);
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == userId);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var listed = unreadOnly == true ? mine.Where(n => n.ReadAt == null) : mine;
        var total = unreadOnly == true ? unread : await listed.CountAsync(cancellationToken);
        var items = await Inbox.Newest(listed).Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken);
        Page.WriteHeaders(response, total, items.Count);
        return TypedResults.Ok(new InboxView(unread, items));
    }

    internal static async Task<Results<NoContent, NotFoundProblem>> MarkRead(
        long id, ClaimsPrincipal principal, TouchpointDbContext db, ChangeFeed feed, TimeProvider clock, CancellationToken cancellationToken)
    {
        var userId = UserId(principal);
        if (!await db.Notifications.AnyAsync(n => n.Id == id && n.UserId == userId, cancellationToken))
        {
            // Someone else's notification is as absent as a missing one: ids reveal nothing.
            return ProblemResults.NotFound($"You have no notification with id {id}.");
        }

        await Inbox.MarkReadAsync(db, feed, userId, id, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> MarkAllRead(ClaimsPrincipal principal, TouchpointDbContext db, ChangeFeed feed, TimeProvider clock, CancellationToken cancellationToken)
    {
        await Inbox.MarkReadAsync(db, feed, UserId(principal), null, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return TypedResults.NoContent();
    }

    private static string UserId(ClaimsPrincipal principal) =>
        principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A signed-in user has no id claim.");
}
