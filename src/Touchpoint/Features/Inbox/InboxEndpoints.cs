using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Live;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Inbox;

/// <summary>A notification as the inbox shows it: <see cref="Title"/> and <see cref="Detail"/> in English as stored, <see cref="Text"/> and <see cref="DetailText"/> in the reader's language.</summary>
public sealed record NotificationView(long Id, DateTime At, string Kind, string Title, string Detail, string? Link, Guid? CustomerId, DateTime? ReadAt)
{
    [JsonIgnore]
    public StructuredTexts? Texts { get; init; }

    public string? Text { get; init; }

    public string? DetailText { get; init; }

    /// <summary>This notification with <see cref="Text"/> and <see cref="DetailText"/> in <paramref name="culture"/>.</summary>
    public NotificationView In(CultureInfo culture) => this with
    {
        Text = Texts is null ? Title : Texts.Title(culture, Title),
        DetailText = Texts is null ? Detail : Texts.Detail(culture, Detail),
    };
}

public sealed record InboxView(int Unread, IReadOnlyList<NotificationView> Items);

/// <summary>Each user sees and marks only their own notifications.</summary>
public static class InboxEndpoints
{
    public static IEndpointRouteBuilder MapInboxEndpoints(this IEndpointRouteBuilder app)
    {
        var inbox = app.MapGroup("/api/inbox").WithTags("Inbox");
        inbox.MapGet("/", List).WithSummary("My notifications, newest first; unreadOnly=true leaves out the read ones; each one's text in language (en, sv), else my own.");
        inbox.MapPost("/{id:long}/read", MarkRead).WithSummary("Mark one of my notifications read.");
        inbox.MapPost("/read-all", MarkAllRead).WithSummary("Mark all my notifications read.");
        return app;
    }

    internal static async Task<Results<Ok<InboxView>, ValidationProblem>> List(
        ClaimsPrincipal principal, bool? unreadOnly, int? offset, int? limit, string? language, HttpResponse response, TouchpointDbContext db,
        CancellationToken cancellationToken)
    {
        if (!StaffLanguages.TryValidateAsked(language, out var asked, out var languageError))
        {
            return ProblemResults.Invalid("language", languageError);
        }

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
        var culture = await StaffLanguage.ReaderCultureAsync(db, userId, asked, cancellationToken);
        Page.WriteHeaders(response, total, items.Count);
        return TypedResults.Ok(new InboxView(unread, [.. items.Select(item => item.In(culture))]));
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
