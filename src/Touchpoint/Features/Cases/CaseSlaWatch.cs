using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;
using UserInbox = Touchpoint.Features.Inbox.Inbox;

namespace Touchpoint.Features.Cases;

/// <summary>
/// Escalates SLA warnings and breaches of open cases (S3-2: a 37-day complaint cannot happen silently). It reads
/// only the cases whose <see cref="Case.NextSlaAlarmAt"/> has come, from that column's index; the domain's
/// <see cref="SlaClock"/> says which alerts have happened, and the <see cref="EscalationLadder"/> sends each new
/// one a step further up than the last. <see cref="Case.SlaAlertsHandledUntil"/> remembers what was escalated,
/// so an alert is never sent twice, whichever node or run sees it.
/// </summary>
public sealed class CaseSlaWatch(CaseSla sla) : IDueWork
{
    /// <summary>The name on timeline entries the watcher writes.</summary>
    public const string ActorName = "SLA watch";

    public string Name => "case SLA deadlines";

    public async Task<int> RunAsync(TouchpointDbContext db, DateTime now, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        now = CaseTime.Truncate(now);
        // Rows another node is escalating are skipped, not waited for (RowLocks).
        var due = db.Cases.Where(c => c.NextSlaAlarmAt <= now).OrderBy(c => c.NextSlaAlarmAt);
        return await db.HandleDueAsync(due, limit, cases => EscalateAllAsync(db, cases, now, cancellationToken), cancellationToken);
    }

    private async Task EscalateAllAsync(TouchpointDbContext db, IReadOnlyList<Case> due, DateTime now, CancellationToken cancellationToken)
    {
        var ids = due.Select(c => c.Id).ToList();
        var pauses = (await db.CasePauses.AsNoTracking().Where(p => ids.Contains(p.CaseId)).ToListAsync(cancellationToken)).ToLookup(p => p.CaseId);
        foreach (var @case in due)
        {
            await EscalateAsync(db, @case, [.. pauses[@case.Id]], now, cancellationToken);
        }
    }

    private async Task EscalateAsync(TouchpointDbContext db, Case @case, IReadOnlyList<CasePause> pauses, DateTime now, CancellationToken cancellationToken)
    {
        var reading = sla.Read(@case, pauses, now);
        var handledUntil = @case.SlaAlertsHandledUntil is { } handled ? CaseSla.AsInstant(handled) : DateTimeOffset.MinValue;
        var escalations = sla.Ladder.Assign(reading.Alerts.Where(a => a.At > handledUntil), @case.SlaEscalations);
        foreach (var (alert, step) in escalations.Select(e => (e.Alert, e.To)))
        {
            var deadline = reading[alert.Target];
            var what = Describe(alert, sla.PolicyFor(@case).WarningShare);
            var recipient = await Teams.RecipientAsync(db, @case.AccountableUserId, step, cancellationToken);
            if (recipient is not null)
            {
                UserInbox.Notify(db, recipient, now,
                    alert.Kind == SlaAlertKind.Breach ? NotificationKinds.SlaBreach : NotificationKinds.SlaWarning,
                    $"{@case.Reference}: {what}",
                    $"A {@case.Priority.ToWireName()}-priority {@case.Type.ToWireName()}, owned by {CaseWire.Owner(@case).Describe()}; due {TimeStamps.Write(deadline.DueAt.UtcDateTime)}. It comes to you as {step.Title.ToLowerInvariant()}.",
                    CaseCommands.CustomerLink(@case), @case.CustomerId, Alerted(@case, alert, sla.PolicyFor(@case).WarningShare),
                    StoredText.Of("Notification.SlaAlert.Detail", StoredText.CodeInSentence("CasePriority", @case.Priority.ToWireName()),
                        StoredText.CodeInSentence("CaseType", @case.Type.ToWireName()), CaseTimeline.Owner(CaseWire.Owner(@case)),
                        StoredText.Value(TimeStamps.Write(deadline.DueAt.UtcDateTime)), StoredText.CodeInSentence("EscalationStep", step.Key)));
            }

            if (alert.Kind == SlaAlertKind.Breach)
            {
                db.TimelineEntries.Add(CaseTimeline.Entry(@case, CaseTime.Truncate(alert.At.UtcDateTime), ActorName, what,
                    $"Due {TimeStamps.Write(deadline.DueAt.UtcDateTime)}; escalated to the {step.Title.ToLowerInvariant()}.", whatText: Breached(alert),
                    detailText: StoredText.Of("Timeline.Case.SlaEscalated", StoredText.Value(TimeStamps.Write(deadline.DueAt.UtcDateTime)),
                        StoredText.CodeInSentence("EscalationStep", step.Key))));
            }
        }

        @case.SlaEscalations += escalations.Count;
        @case.SlaAlertsHandledUntil = now;
        // The version is not bumped: the watcher writes only its own columns and the alarm, which every staff
        // step recomputes anyway, so an agent's step that overlaps a watcher run must not fail over it.
        sla.Reschedule(@case, pauses, now);
    }

    /// <summary>An alert as the notification's title: "{reference}: " and <see cref="Describe"/>'s words.</summary>
    private static StoredText Alerted(Case @case, SlaAlert alert, double warningShare)
    {
        var reference = StoredText.Value(@case.Reference);
        var target = StoredText.CodeInSentence("SlaTarget", alert.Target.ToWireName());
        return alert.Kind == SlaAlertKind.Warning
            ? StoredText.Of("Notification.SlaWarning", reference, StoredText.Value((int)Math.Round(warningShare * 100)), target)
            : Breached(alert).Prefixed(reference);
    }

    /// <summary>A breach as <see cref="Describe"/> words it, as a stored text ("Case {0}: first response deadline breached").</summary>
    private static StoredText Breached(SlaAlert alert)
    {
        var target = StoredText.CodeInSentence("SlaTarget", alert.Target.ToWireName());
        return alert.Occurrence == 1
            ? StoredText.Of("Timeline.Case.SlaBreached", target)
            : StoredText.Of("Timeline.Case.SlaBreachedAgain", target, StoredText.Value(alert.Occurrence));
    }

    private static string Describe(SlaAlert alert, double warningShare)
    {
        var target = alert.Target switch
        {
            SlaTarget.FirstResponse => "first response",
            SlaTarget.NextUpdate => "next update to the customer",
            _ => "resolution",
        };
        if (alert.Kind == SlaAlertKind.Warning)
        {
            return $"{Math.Round(warningShare * 100).ToString(CultureInfo.InvariantCulture)} % of the time for the {target} is used";
        }

        return alert.Occurrence == 1
            ? $"{target} deadline breached"
            : $"{target} deadline breached again (time {alert.Occurrence.ToString(CultureInfo.InvariantCulture)} over)";
    }
}
