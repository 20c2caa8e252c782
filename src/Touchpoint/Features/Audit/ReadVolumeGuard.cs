using System.Globalization;
using Touchpoint.Data;
using Touchpoint.Domain.Platform;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Audit;

/// <summary>
/// Stops one user pulling the customer base through the API (<see cref="ReadVolume"/>): an API read that would take
/// them past the limit of different customers an hour is answered 429 and sends nothing, and the admins hear in
/// their inbox when someone reads an unusual number of customers and when someone is stopped.
/// </summary>
public sealed partial class ReadVolumeGuard(ReadVolume volume, TimeProvider clock, IServiceScopeFactory scopes, ILogger<ReadVolumeGuard> logger)
{
    public const string UnusualKey = "Touchpoint:Reads:UnusualCustomersPerHour";
    public const string LimitKey = "Touchpoint:Reads:CustomersPerHour";

    /// <summary>A working agent reads tens of customers an hour; a sweep of the customer base reads thousands.</summary>
    public static ReadVolume FromConfiguration(IConfiguration configuration)
    {
        var limits = new ReadVolumeLimits(configuration.GetValue(UnusualKey, 500), configuration.GetValue(LimitKey, 2000), TimeSpan.FromHours(1));
        return limits.Problem() is { } problem
            ? throw new StartupException($"{UnusualKey} ({limits.UnusualAt}) and {LimitKey} ({limits.Limit}) do not work: {problem}")
            : new ReadVolume(limits);
    }

    /// <summary>Counts the read of <paramref name="customers"/> by <paramref name="actor"/>; the problem to answer instead when it is refused.</summary>
    public async Task<TooManyRequestsProblem?> CountAsync(Actor actor, IReadOnlyCollection<Guid> customers, CancellationToken cancellationToken)
    {
        if (actor.UserId is not { } userId || customers.Count == 0)
        {
            return null;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var verdict = volume.Count(userId, customers, now);
        if (verdict.Alert != ReadVolumeAlert.None)
        {
            await TellAdminsAsync(actor, verdict, now, cancellationToken);
        }

        if (verdict.Allowed)
        {
            return null;
        }

        LogStopped(actor.UserName, verdict.Customers, volume.Limits.Limit);
        return ProblemResults.TooManyRequests(
            string.Create(CultureInfo.InvariantCulture,
                $"You have read the data of {verdict.Customers:N0} different customers this hour, and this answer would take you past the limit of {volume.Limits.Limit:N0}; nothing was sent. Try again after {verdict.WindowEnds:HH:mm} UTC, or ask an admin."),
            verdict.WindowEnds - now);
    }

    private async Task TellAdminsAsync(Actor actor, ReadVolumeVerdict verdict, DateTime now, CancellationToken cancellationToken)
    {
        var who = actor.DisplayName;
        var (title, detail) = verdict.Alert == ReadVolumeAlert.Stopped
            ? ($"{who} was stopped from reading more customers' data",
                string.Create(CultureInfo.InvariantCulture, $"{who} ({actor.UserName}) has read {verdict.Customers:N0} different customers through the API this hour and asked for more; the limit is {volume.Limits.Limit:N0}. The audit log shows what was read."))
            : ($"{who} is reading an unusual number of customers",
                string.Create(CultureInfo.InvariantCulture, $"{who} ({actor.UserName}) has read {verdict.Customers:N0} different customers through the API this hour; reads stop at {volume.Limits.Limit:N0}. The audit log shows what was read."));
        var (titleText, detailText) = verdict.Alert == ReadVolumeAlert.Stopped
            ? (StoredText.Of("Notification.ReadsStopped", StoredText.Value(who)),
                StoredText.Of("Notification.ReadsStopped.Detail", StoredText.Value(who), StoredText.Value(actor.UserName), StoredText.Value(verdict.Customers),
                    StoredText.Value(volume.Limits.Limit)))
            : (StoredText.Of("Notification.UnusualReads", StoredText.Value(who)),
                StoredText.Of("Notification.UnusualReads.Detail", StoredText.Value(who), StoredText.Value(actor.UserName), StoredText.Value(verdict.Customers),
                    StoredText.Value(volume.Limits.Limit)));
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
        foreach (var admin in await Teams.InRolesAsync(db, [Roles.Admin], cancellationToken))
        {
            Inbox.Inbox.Notify(db, admin.Id, now, NotificationKinds.UnusualReads, title, detail, "/admin/audit", titleText: titleText, detailText: detailText);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopped {UserName} reading more customers' data: {Customers} different customers this hour, limit {Limit}.")]
    private partial void LogStopped(string userName, int customers, int limit);
}

/// <summary>Reads the read-volume settings at start, so a bad one stops Touchpoint with its sentence rather than failing the first read.</summary>
internal sealed class ReadVolumeSettingsCheck(ReadVolume volume) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = volume;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
