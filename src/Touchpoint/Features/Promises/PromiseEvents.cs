using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Platform;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using static Touchpoint.Domain.Platform.TextLimits;

namespace Touchpoint.Features.Promises;

/// <summary>
/// What a promise event leaves behind: an entry on the customer's timeline (kind <c>promise</c>) and, for warnings
/// and breaches, notifications. Added to the context, so they are saved with the change they report or not at all.
/// One instance per unit of work: it remembers names and team leads it has looked up, so a batch of breaches for
/// one team asks the database once.
/// </summary>
public sealed class PromiseEvents(TouchpointDbContext db)
{
    /// <summary>The actor named on events nobody did by hand, such as a promise breaking at its due time.</summary>
    public const string WatcherName = "Touchpoint";

    private readonly Dictionary<Guid, string> customerNames = [];
    private readonly Dictionary<string, string> userNames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> teamLeads = new(StringComparer.Ordinal);

    public void Made(PromiseRecord promise, string ownerName)
    {
        ArgumentNullException.ThrowIfNull(promise);
        AddTimeline(promise, promise.MadeAt, $"{promise.MadeByName} promised {Via(promise.MadeVia)}: {promise.Description}",
            $"{Capitalized(KindText(promise.Kind))} due {When(promise.DueAt)}; {ownerName} must keep it.", promise.MadeByName, promise.MadeVia,
            StoredText.Of("Timeline.Promise.Made", StoredText.Value(promise.MadeByName), ViaText(promise.MadeVia), StoredText.Value(promise.Description)),
            DueText(promise, ownerName));
    }

    /// <summary>A member picked up a promise that waited in their queue; it is theirs to keep from now on (S2-3).</summary>
    public void Claimed(PromiseRecord promise, string claimerName, string queueName, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(promise);
        AddTimeline(promise, now, $"{claimerName} picked up the promise from the {queueName} queue: {promise.Description}",
            $"{Capitalized(KindText(promise.Kind))} due {When(promise.DueAt)}; {claimerName} must keep it.", claimerName, null,
            StoredText.Of("Timeline.Promise.Claimed", StoredText.Value(claimerName), StoredText.Value(queueName), StoredText.Value(promise.Description)),
            DueText(promise, claimerName));
    }

    /// <param name="reason">The domain's verdict on the act, e.g. "An outbound phone contact at … keeps the callback."</param>
    public void Kept(PromiseRecord promise, string reason, string actorName, InteractionChannel? channel)
    {
        ArgumentNullException.ThrowIfNull(promise);
        AddTimeline(promise, promise.FulfilledAt ?? promise.DueAt, $"Promise kept: {promise.Description}", reason, actorName, channel,
            StoredText.Of("Timeline.Promise.Kept", StoredText.Value(promise.Description)));
    }

    /// <summary>A promise already broken whose act is recorded after all: it stays broken, and the customer's history says it was done.</summary>
    public void KeptLate(PromiseRecord promise, string reason, string actorName, InteractionChannel? channel)
    {
        ArgumentNullException.ThrowIfNull(promise);
        AddTimeline(promise, promise.FulfilledAt ?? promise.DueAt, $"Promise kept late: {promise.Description}", reason, actorName, channel,
            StoredText.Of("Timeline.Promise.KeptLate", StoredText.Value(promise.Description)));
    }

    /// <summary>
    /// A promise broke: on the timeline at its due time, when the customer was let down, an alert to the owner and to
    /// their team lead, so someone who can act hears of it at once, and a word to the customer (S4-2).
    /// </summary>
    public async Task BrokenAsync(PromiseRecord promise, string reason, CustomerVoices voices, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(promise);
        // Still waiting in a queue, it broke there: the queue was to keep it, and its lead, the owner meanwhile, is told.
        var queueName = promise.OwnerQueueId is { } queueId
            ? await db.WorkQueues.Where(q => q.Id == queueId).Select(q => q.Name).FirstOrDefaultAsync(cancellationToken) ?? queueId.ToString()
            : null;
        var ownerName = queueName is not null ? $"the {queueName} queue" : await UserNameAsync(promise.OwnerUserId, cancellationToken);
        AddTimeline(promise, promise.DueAt, $"Promise broken: {promise.Description}",
            $"{reason} {promise.MadeByName} promised it {Via(promise.MadeVia)}; {ownerName} was to keep it by {When(promise.DueAt)}.",
            WatcherName, promise.MadeVia, StoredText.Of("Timeline.Promise.Broken", StoredText.Value(promise.Description)));

        var customerName = await CustomerNameAsync(promise.CustomerId, cancellationToken);
        var title = $"Broken promise: {KindText(promise.Kind)} for {customerName} was due {When(promise.DueAt)}";
        var detail = $"{promise.MadeByName} promised {Via(promise.MadeVia)}: {promise.Description}. Owner: {ownerName}. {reason}";
        var titleText = StoredText.Of("Notification.PromiseBroken",
            StoredText.CodeInSentence("PromiseKind", promise.Kind.ToWireName()), StoredText.Value(customerName), StoredText.Value(When(promise.DueAt)));
        Notify(promise.OwnerUserId, now, NotificationKinds.PromiseBroken, title, detail, promise.CustomerId, titleText);
        if (await TeamLeadOfAsync(promise.OwnerUserId, cancellationToken) is { } lead && lead != promise.OwnerUserId)
        {
            Notify(lead, now, NotificationKinds.PromiseBroken, title, detail, promise.CustomerId, titleText);
        }

        await BrokenPromiseNotice.QueueAsync(db, voices, promise, voice => queueName is null ? ownerName : voice.Text("Promise.QueueOwner", queueName), now, cancellationToken);
    }

    public void Withdrawn(PromiseRecord promise, string actorName)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var toldVia = promise.WithdrawalToldVia ?? promise.MadeVia;
        AddTimeline(promise, promise.WithdrawalToldAt ?? promise.DueAt, $"Promise withdrawn: {promise.Description}",
            $"The customer was told {Via(toldVia)} at {When(promise.WithdrawalToldAt ?? promise.DueAt)}: \"{promise.WithdrawalText}\"", actorName, toldVia,
            StoredText.Of("Timeline.Promise.Withdrawn", StoredText.Value(promise.Description)),
            StoredText.Of("Timeline.Promise.CustomerTold", ViaText(toldVia), StoredText.Value(When(promise.WithdrawalToldAt ?? promise.DueAt)), StoredText.Value(promise.WithdrawalText)));
    }

    public void Settled(PromiseRecord promise, string actorName)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var toldVia = promise.WithdrawalToldVia ?? promise.MadeVia;
        AddTimeline(promise, promise.WithdrawalToldAt ?? promise.DueAt, $"Broken promise settled: {promise.Description}",
            $"The customer was told {Via(toldVia)} at {When(promise.WithdrawalToldAt ?? promise.DueAt)} and agreed: \"{promise.WithdrawalText}\"", actorName, toldVia,
            StoredText.Of("Timeline.Promise.Settled", StoredText.Value(promise.Description)),
            StoredText.Of("Timeline.Promise.CustomerAgreed", ViaText(toldVia), StoredText.Value(When(promise.WithdrawalToldAt ?? promise.DueAt)), StoredText.Value(promise.WithdrawalText)));
    }

    /// <summary>Tells the owner a promise is about to fall due, while there is still time to keep it.</summary>
    public async Task WarnAsync(PromiseRecord promise, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(promise);
        var customerName = await CustomerNameAsync(promise.CustomerId, cancellationToken);
        Notify(promise.OwnerUserId, now, NotificationKinds.PromiseDueSoon,
            $"{Capitalized(KindText(promise.Kind))} for {customerName} due in {Remaining(promise.DueAt - now)}",
            $"{promise.MadeByName} promised {Via(promise.MadeVia)}: {promise.Description}. Due {When(promise.DueAt)}.",
            promise.CustomerId,
            StoredText.Of("Notification.PromiseDueSoon", StoredText.Code("PromiseKind", promise.Kind.ToWireName()), StoredText.Value(customerName),
                RemainingText(promise.DueAt - now)),
            StoredText.Of("Notification.PromiseDueSoon.Detail", StoredText.Value(promise.MadeByName), ViaText(promise.MadeVia), StoredText.Value(promise.Description),
                StoredText.Value(When(promise.DueAt))));
    }

    /// <summary>Loads the names of a batch's customers in one query.</summary>
    public async Task PreloadCustomersAsync(IEnumerable<Guid> customerIds, CancellationToken cancellationToken)
    {
        var missing = customerIds.Where(id => !customerNames.ContainsKey(id)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        foreach (var customer in await db.Customers.AsNoTracking().Where(c => missing.Contains(c.Id)).Select(c => new { c.Id, c.Name }).ToListAsync(cancellationToken))
        {
            customerNames[customer.Id] = customer.Name;
        }
    }

    public async Task<string> UserNameAsync(string userId, CancellationToken cancellationToken)
    {
        if (!userNames.TryGetValue(userId, out var name))
        {
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.DisplayName, u.UserName }).FirstOrDefaultAsync(cancellationToken);
            name = user is null ? userId : string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName ?? userId : user.DisplayName;
            userNames[userId] = name;
        }

        return name;
    }

    public static string KindText(PromiseKind kind) => kind switch
    {
        PromiseKind.Callback => "callback",
        PromiseKind.WrittenReply => "written reply",
        PromiseKind.TechnicianVisit => "technician visit",
        PromiseKind.Refund => "refund",
        PromiseKind.ResolutionByDate => "resolution",
        _ => kind.ToWireName(),
    };

    /// <summary>Where a promise was made or a customer told, as it reads after a verb: "promised in store".</summary>
    public static string Via(InteractionChannel channel) => channel switch
    {
        InteractionChannel.Phone => "by phone",
        InteractionChannel.Email => "by e-mail",
        InteractionChannel.Chat => "in chat",
        InteractionChannel.Store => "in store",
        InteractionChannel.Web => "on the web",
        InteractionChannel.Letter => "by letter",
        InteractionChannel.Social => "on social media",
        InteractionChannel.Ivr => "by automated call",
        InteractionChannel.Sms => "by SMS",
        _ => $"via {channel.ToWireName()}",
    };

    private async Task<string> CustomerNameAsync(Guid customerId, CancellationToken cancellationToken)
    {
        await PreloadCustomersAsync([customerId], cancellationToken);
        return customerNames.GetValueOrDefault(customerId, "a customer");
    }

    private async Task<string?> TeamLeadOfAsync(string userId, CancellationToken cancellationToken)
    {
        if (!teamLeads.TryGetValue(userId, out var lead))
        {
            lead = await Teams.TeamLeadOfAsync(db, userId, cancellationToken);
            teamLeads[userId] = lead;
        }

        return lead;
    }

    private void AddTimeline(
        PromiseRecord promise, DateTime at, string title, string detail, string actorName, InteractionChannel? channel, StoredText titleText, StoredText? detailText = null) =>
        db.TimelineEntries.Add(new TimelineEntry
        {
            CustomerId = promise.CustomerId,
            At = at,
            Kind = TimelineEntryKind.Promise,
            Channel = channel?.ToWireName(),
            Title = Clip(title, 300),
            Detail = Clip(detail, 4000),
            ActorName = Clip(actorName, 200),
            SourceId = promise.Id.ToString(),
        }.Says(titleText, detailText));

    private void Notify(string userId, DateTime now, string kind, string title, string detail, Guid customerId, StoredText titleText, StoredText? detailText = null) =>
        Inbox.Inbox.Notify(db, userId, now, kind, Clip(title, 300), detail, link: $"/customers/{customerId}", customerId: customerId, titleText: titleText, detailText: detailText);

    /// <summary>"Callback due …; Anna must keep it." as a stored text.</summary>
    private static StoredText DueText(PromiseRecord promise, string keeper) =>
        StoredText.Of("Timeline.Promise.Due", StoredText.Code("PromiseKind", promise.Kind.ToWireName()), StoredText.Value(When(promise.DueAt)), StoredText.Value(keeper));

    /// <summary><see cref="Via"/> as an arg: "by phone", "per telefon".</summary>
    private static string ViaText(InteractionChannel channel) => StoredText.Code("Via", channel.ToWireName());

    /// <summary><see cref="Remaining"/> as an arg.</summary>
    private static string RemainingText(TimeSpan left) => StoredText.Nested(left switch
    {
        { TotalMinutes: <= 1 } => StoredText.Of("Promise.Remaining.Minute"),
        { TotalMinutes: < 120 } => StoredText.Of("Promise.Remaining.Minutes", StoredText.Value((int)Math.Ceiling(left.TotalMinutes))),
        { TotalHours: < 48 } => StoredText.Of("Promise.Remaining.Hours", StoredText.Value((int)Math.Ceiling(left.TotalHours))),
        _ => StoredText.Of("Promise.Remaining.Days", StoredText.Value((int)Math.Ceiling(left.TotalDays))),
    });

    /// <summary>Instants in stored text: UTC, which each reader's page shows on their own clock (<see cref="TimeStamps"/>).</summary>
    private static string When(DateTime instant) => TimeStamps.Write(instant);

    private static string Remaining(TimeSpan left) => left switch
    {
        { TotalMinutes: <= 1 } => "a minute",
        { TotalMinutes: < 120 } => $"{Math.Ceiling(left.TotalMinutes).ToString(CultureInfo.InvariantCulture)} minutes",
        { TotalHours: < 48 } => $"{Math.Ceiling(left.TotalHours).ToString(CultureInfo.InvariantCulture)} hours",
        _ => $"{Math.Ceiling(left.TotalDays).ToString(CultureInfo.InvariantCulture)} days",
    };

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
