using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Promises;
using static Touchpoint.Domain.Tests.Promises.PromiseSamples;

namespace Touchpoint.Domain.Tests.Promises;

/// <summary>
/// S4-2: a store promises that customer service will call within 20 minutes. The watcher is replayed minute by
/// minute against the domain rules: warning to the owner at 15, breach at 20 — unless a real callback keeps it.
/// </summary>
public sealed class StoryS4_2Tests
{
    private sealed record Fired(PromiseAlarmKind Kind, int Minute);

    [Fact]
    public void Nobody_calls_the_owner_is_warned_at_15_and_the_promise_breaks_at_20()
    {
        var (promise, fired) = Replay(Callback(), act: null);

        Assert.Equal([new Fired(PromiseAlarmKind.Warning, 15), new Fired(PromiseAlarmKind.Breach, 20)], fired);
        Assert.Equal(PromiseState.Broken, promise.State);
        Assert.Equal(At(15), promise.WarnedAt);
    }

    [Fact]
    public void An_outbound_call_at_12_minutes_keeps_it_and_nothing_fires()
    {
        var (promise, fired) = Replay(Callback(), Call(12));

        Assert.Empty(fired);
        Assert.Equal(PromiseState.Kept, promise.State);
        Assert.Equal(At(12), promise.FulfilledAt);
    }

    [Fact]
    public void The_customer_calling_in_at_12_minutes_does_not_keep_it()
    {
        var (promise, fired) = Replay(Callback(), Call(12, InteractionDirection.Inbound));

        Assert.Equal([new Fired(PromiseAlarmKind.Warning, 15), new Fired(PromiseAlarmKind.Breach, 20)], fired);
        Assert.Equal(PromiseState.Broken, promise.State);
    }

    [Fact]
    public void The_call_three_hours_later_is_recorded_as_kept_late_on_a_broken_promise()
    {
        var (promise, _) = Replay(Callback(), Call(180), minutes: 200);

        Assert.Equal(PromiseState.Broken, promise.State);
        Assert.True(promise.IsKeptLate);
    }

    private static (Promise Final, List<Fired> Fired) Replay(Promise promise, PromiseAct? act, int minutes = 30)
    {
        Assert.True(promise.TryValidateNew(MadeAt, out var error), error);
        var fired = new List<Fired>();
        for (var minute = 0; minute <= minutes; minute++)
        {
            var now = At(minute);
            if (act is not null && act.OccurredAt == now)
            {
                promise.TryKeep(act, out promise, out _);
            }

            if (PromiseWatch.Default.NextAlarm(promise, now) is { } alarm && alarm.At <= now)
            {
                var applied = alarm.Kind == PromiseAlarmKind.Warning
                    ? promise.TryRecordWarning(now, out promise, out error)
                    : promise.TryBreak(now, out promise, out error);
                Assert.True(applied, error);
                fired.Add(new Fired(alarm.Kind, minute));
            }
        }

        return (promise, fired);
    }
}
