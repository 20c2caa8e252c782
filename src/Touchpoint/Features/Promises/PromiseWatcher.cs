using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Promises;

/// <summary>
/// Warns owners before their promises fall due and breaks the ones still open at their due time (S4-2), run by the
/// <see cref="DueWatcher"/>. It reads only rows whose <see cref="PromiseRecord.NextAlarmAt"/> has come, through its
/// index, and claims them (<see cref="RowLocks"/>), so several nodes share the work and no promise is warned about or
/// broken twice.
/// When to fire and what follows are the domain's <see cref="PromiseWatch"/> and <see cref="Promise"/> rules.
/// </summary>
public sealed class PromiseWatcher(PromiseWatch watch, CustomerVoices voices) : IDueWork
{
    public string Name => "promises";

    public async Task<int> RunAsync(TouchpointDbContext db, DateTime now, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var due = db.Promises.Where(p => p.NextAlarmAt != null && p.NextAlarmAt <= now).OrderBy(p => p.NextAlarmAt);
        return await db.HandleDueAsync(due, limit, promises => FireAllAsync(db, promises, now, cancellationToken), cancellationToken);
    }

    private async Task FireAllAsync(TouchpointDbContext db, IReadOnlyList<PromiseRecord> due, DateTime now, CancellationToken cancellationToken)
    {
        var events = new PromiseEvents(db);
        await events.PreloadCustomersAsync(due.Select(p => p.CustomerId), cancellationToken);
        foreach (var record in due)
        {
            await FireAsync(record, events, now, cancellationToken);
        }
    }

    private async Task FireAsync(PromiseRecord record, PromiseEvents events, DateTime now, CancellationToken cancellationToken)
    {
        var promise = record.ToDomain();
        var alarm = watch.NextAlarm(promise, now);
        if (alarm is null || alarm.At > now)
        {
            // The stored alarm was stale (the watch settings changed, or a row was edited by hand): reschedule, fire nothing.
            record.NextAlarmAt = alarm?.At;
            return;
        }

        switch (alarm.Kind)
        {
            case PromiseAlarmKind.Warning when promise.TryRecordWarning(now, out var warned, out _):
                record.Apply(warned, watch, now);
                await events.WarnAsync(record, now, cancellationToken);
                break;

            case PromiseAlarmKind.Breach when promise.TryBreak(now, out var broken, out _):
                record.Apply(broken, watch, now);
                await events.BrokenAsync(record, "Nobody did what was promised by the due time.", voices, now, cancellationToken);
                break;

            default:
                // NextAlarm only names what the domain then allows, so this is a bug; dropping the alarm is better
                // than picking the same row up on every tick and starving the others.
                record.NextAlarmAt = null;
                break;
        }
    }
}
