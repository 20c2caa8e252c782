using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Data;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Live;

namespace Touchpoint.Features.Inbox;

/// <summary>
/// A message in one user's in-app inbox: a promise about to fall due, a breach escalated to a team lead, a handoff
/// waiting for acceptance. Written in the same transaction as the event it reports, so it is never lost or early.
/// </summary>
public sealed class Notification : IDerivedRow, IHasStoredTexts
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public DateTime At { get; set; }

    /// <summary>What happened, as a stable key the UI and tests can filter on (see <see cref="NotificationKinds"/>).</summary>
    public required string Kind { get; set; }

    [PersonalData]
    public required string Title { get; set; }

    [PersonalData]
    public string Detail { get; set; } = "";

    /// <summary>The title as a key of the agent texts, so the user reads it in their language (see <see cref="StoredText"/>); null on older rows.</summary>
    public string? TitleKey { get; set; }

    [PersonalData]
    public string? TitleArgs { get; set; }

    public string? DetailKey { get; set; }

    [PersonalData]
    public string? DetailArgs { get; set; }

    /// <summary>Where in Touchpoint to act on it, e.g. <c>/customers/{id}</c>.</summary>
    public string? Link { get; set; }

    public Guid? CustomerId { get; set; }
    public DateTime? ReadAt { get; set; }
}

/// <summary>The kinds of notification Touchpoint sends; each feature adds its own.</summary>
public static class NotificationKinds
{
    public const string PromiseDueSoon = "promiseDueSoon";
    public const string PromiseBroken = "promiseBroken";
    public const string SlaWarning = "slaWarning";
    public const string SlaBreach = "slaBreach";
    public const string HandoffRequested = "handoffRequested";
    public const string CaseBounced = "caseBounced";
    public const string CaseReopened = "caseReopened";
    public const string ApprovalRequested = "approvalRequested";
    public const string ApprovalDecided = "approvalDecided";

    /// <summary>The customer wrote (e-mail or SMS) on a case the user owns.</summary>
    public const string CustomerWrote = "customerWrote";

    /// <summary>Mail to a customer bounced: the address on file does not work.</summary>
    public const string MailBounced = "mailBounced";

    /// <summary>A promise outlived what it was about (its case resolved, its subscription ended): keep it or settle it.</summary>
    public const string PromiseFlagged = "promiseFlagged";

    /// <summary>An SMS to a customer did not arrive: the provider reported it failed, rejected or expired.</summary>
    public const string SmsFailed = "smsFailed";

    /// <summary>A callback's turn has come and it was handed to this agent: the switch is dialling the customer.</summary>
    public const string CallbackDispatched = "callbackDispatched";

    /// <summary>A customer's survey answer was low: a follow-up case and a callback are the lead's (S4-4, S1-6).</summary>
    public const string SurveyFollowUp = "surveyFollowUp";

    /// <summary>To admins: someone reads an unusual number of customers through the API, or was stopped at the limit.</summary>
    public const string UnusualReads = "unusualReads";
}

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> builder)
    {
        builder.ToTable("Notifications");
        builder.Property(n => n.UserId).HasMaxLength(450);
        builder.Property(n => n.Kind).HasMaxLength(64);
        builder.Property(n => n.Title).HasMaxLength(300);
        builder.Property(n => n.Detail).HasMaxLength(4000);
        builder.Property(n => n.TitleKey).HasMaxLength(StoredText.KeyLength);
        builder.Property(n => n.TitleArgs).HasMaxLength(StoredText.ArgsLength);
        builder.Property(n => n.DetailKey).HasMaxLength(StoredText.KeyLength);
        builder.Property(n => n.DetailArgs).HasMaxLength(StoredText.ArgsLength);
        builder.Property(n => n.Link).HasMaxLength(300);
        builder.HasOne<TouchpointUser>().WithMany().HasForeignKey(n => n.UserId).OnDelete(DeleteBehavior.Cascade);
        // A user's inbox, newest first, and the unread count.
        builder.HasIndex(n => new { n.UserId, n.At, n.Id });
        builder.HasIndex(n => new { n.UserId, n.ReadAt });
    }
}

/// <summary>Sends notifications; the caller saves them with the event they report.</summary>
public static class Inbox
{
    public static Notification Notify(
        TouchpointDbContext db, string userId, DateTime at, string kind, string title, string detail = "", string? link = null, Guid? customerId = null,
        StoredText? titleText = null, StoredText? detailText = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        var notification = new Notification
        {
            UserId = userId,
            At = at,
            Kind = kind,
            Title = title.Length > 300 ? title[..300] : title,
            Detail = detail.Length > 4000 ? detail[..4000] : detail,
            Link = link,
            CustomerId = customerId,
        }.Says(titleText, detailText);
        db.AddRow(notification);
        return notification;
    }

    /// <summary>A user's notifications, newest first, as the API and the inbox page show them.</summary>
    public static IQueryable<NotificationView> Newest(IQueryable<Notification> notifications) =>
        notifications.OrderByDescending(n => n.At).ThenByDescending(n => n.Id)
            .Select(n => new NotificationView(n.Id, n.At, n.Kind, n.Title, n.Detail, n.Link, n.CustomerId, n.ReadAt)
            {
                Texts = new StructuredTexts(n.TitleKey, n.TitleArgs, n.DetailKey, n.DetailArgs),
            });

    /// <summary>
    /// Marks one (<paramref name="id"/>) or all unread notifications of the user read; returns how many changed. One
    /// statement, not a tracked save, so it tells the user's open pages itself (their unread count).
    /// </summary>
    public static async Task<int> MarkReadAsync(TouchpointDbContext db, ChangeFeed feed, string userId, long? id, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(feed);
        var changed = await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null && (id == null || n.Id == id))
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        if (changed > 0)
        {
            feed.Publish([LiveTopics.Inbox(userId)]);
        }

        return changed;
    }
}
