using System.Diagnostics.Metrics;

namespace Touchpoint.Features.Telemetry;

/// <summary>
/// Touchpoint's own meter: gauges of what waits, read from <see cref="OperationalFiguresCache"/> when a listener
/// collects (an exporter, a Prometheus scrape, <c>dotnet-counters</c>); nothing is read while nobody listens.
/// </summary>
public sealed class TouchpointMeter
{
    public const string Name = "Touchpoint";

    public TouchpointMeter(IMeterFactory meters, OperationalFiguresCache figures)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(figures);
        var meter = meters.Create(Name);
        meter.CreateObservableGauge(
            "touchpoint.outbox.backlog",
            () => From(figures, f => f.Outboxes.Select(o => new Measurement<long>(o.Backlog, Tag("outbox", o.Outbox)))),
            unit: "{item}",
            description: "TMF621 events and messages (per channel) queued and not yet delivered.");
        meter.CreateObservableGauge(
            "touchpoint.outbox.oldest_age",
            () => From(figures, f => f.Outboxes.Select(o => new Measurement<double>(o.OldestAge.TotalSeconds, Tag("outbox", o.Outbox)))),
            unit: "s",
            description: "How long the oldest undelivered item of each outbox has waited since it was queued.");
        meter.CreateObservableGauge(
            "touchpoint.watcher.lag",
            () => From(figures, f => f.Watchers.Select(w => new Measurement<double>(w.Lag.TotalSeconds, Tag("work", w.Work)))),
            unit: "s",
            description: "How long the earliest due item of each kind of due work (promises, SLA deadlines, deliveries, …) has been due.");
        meter.CreateObservableGauge(
            "touchpoint.audit.unsealed",
            () => From<long>(figures, f => [new Measurement<long>(f.UnsealedAuditEntries)]),
            unit: "{entry}",
            description: "Audit entries written after the last seal of the hash chain.");
        meter.CreateObservableGauge(
            "touchpoint.audit.journal.size",
            () => From<long>(figures, f => [new Measurement<long>(f.JournalBytes)]),
            unit: "By",
            description: "This node's read-audit journal not yet moved into the database.");
        meter.CreateObservableGauge(
            "touchpoint.queue.backlog",
            () => From(figures, f => f.Queues.Select(q => new Measurement<long>(q.OpenCases, Tag("queue", q.Queue)))),
            unit: "{case}",
            description: "Open cases each team queue holds, waiting for a member to pick them up.");
        meter.CreateObservableGauge(
            "touchpoint.mail.incoming.backlog",
            () => From<long>(figures, f => [new Measurement<long>(f.IncomingMailFiles)]),
            unit: "{file}",
            description: "Mail files waiting in the incoming drop folder.");
    }

    private static List<Measurement<T>> From<T>(OperationalFiguresCache figures, Func<OperationalFigures, IEnumerable<Measurement<T>>> measure)
        where T : struct =>
        figures.Current() is { } current ? measure(current).ToList() : [];

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);
}
