using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using QueueIds = Touchpoint.Domain.Cases.QueueIds;
using Touchpoint.Domain.ContactCentre;
using Touchpoint.Features.Queues;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Telephony;

/// <summary>A queue's telephony settings: read with their defaults, set by a lead with each mistake named on its field.</summary>
public static class CallQueues
{
    public static async Task<CallQueueSettings> SettingsAsync(TouchpointDbContext db, string queueId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.CallQueueSettings.AsNoTracking().FirstOrDefaultAsync(q => q.QueueId == queueId, cancellationToken) ?? new CallQueueSettings { QueueId = queueId };
    }

    /// <summary>The settings of queue <paramref name="queueId"/> (its defaults when none were set) in one round trip; null when there is no such queue.</summary>
    public static async Task<CallQueueSettings?> OfQueueAsync(TouchpointDbContext db, string? queueId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (QueueIds.Normalize(queueId) is not { } id)
        {
            return null;
        }

        var found = await (from queue in db.WorkQueues.AsNoTracking()
                           join set in db.CallQueueSettings.AsNoTracking() on queue.Id equals set.QueueId into sets
                           from settings in sets.DefaultIfEmpty()
                           where queue.Id == id
                           select new { queue.Id, Settings = settings }).FirstOrDefaultAsync(cancellationToken);
        return found is null ? null : found.Settings ?? new CallQueueSettings { QueueId = found.Id };
    }

    /// <summary>Stored hours were checked when set; should they no longer read, the queue stays open rather than shut callers out.</summary>
    public static OpeningHours Hours(CallQueueSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return OpeningHours.TryParse(settings.OpeningHours, out var hours, out _) ? hours : OpeningHours.Always;
    }

    public static CallQueueSettingsView View(CallQueueSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new CallQueueSettingsView(settings.CallbackThresholdSeconds, settings.CallbackAttempts, settings.CallbackRetryMinutes, Hours(settings).ToString());
    }

    /// <summary>Sets what is given and keeps the rest.</summary>
    public static async Task<Outcome<CallQueueSettings>> SetAsync(TouchpointDbContext db, string queueId, CallQueueSettingsView input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(input);
        if (await WorkQueues.FindAsync(db, queueId, cancellationToken) is not { } queue)
        {
            return new Failure.NotFound($"There is no queue '{queueId}'.");
        }

        var settings = await db.CallQueueSettings.FirstOrDefaultAsync(q => q.QueueId == queue.Id, cancellationToken);
        var isNew = settings is null;
        settings ??= new CallQueueSettings { QueueId = queue.Id };
        var candidate = new CallbackSettings(
            TimeSpan.FromSeconds(input.CallbackThresholdSeconds ?? settings.CallbackThresholdSeconds),
            input.CallbackAttempts ?? settings.CallbackAttempts,
            TimeSpan.FromMinutes(input.CallbackRetryMinutes ?? settings.CallbackRetryMinutes));
        if (candidate.Problems() is [var (field, error), ..])
        {
            return new Failure.Invalid(field, error);
        }

        if (input.OpeningHours is { } text)
        {
            if (!OpeningHours.TryParse(text, out var hours, out var hoursError))
            {
                return new Failure.Invalid("openingHours", hoursError);
            }

            settings.OpeningHours = hours.ToString();
        }

        settings.CallbackThresholdSeconds = (int)candidate.Threshold.TotalSeconds;
        settings.CallbackAttempts = candidate.Attempts;
        settings.CallbackRetryMinutes = (int)candidate.RetryDelay.TotalMinutes;
        if (isNew)
        {
            db.CallQueueSettings.Add(settings);
        }

        await db.SaveChangesAsync(cancellationToken);
        return settings;
    }
}
