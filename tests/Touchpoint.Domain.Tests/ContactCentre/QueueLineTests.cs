using Touchpoint.Domain.ContactCentre;

namespace Touchpoint.Domain.Tests.ContactCentre;

/// <summary>Issue 21 (S4-3): a callback keeps the caller's place, never ahead of an earlier caller, never behind a later one.</summary>
public sealed class QueueLineTests
{
    private static readonly DateTimeOffset Nine = new(2026, 12, 7, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void The_eighth_caller_who_takes_a_callback_is_taken_after_the_seven_before_and_before_anyone_after()
    {
        var line = Enumerable.Range(0, 10).Select(i => Caller(i)).ToList();
        var eighth = line[7] with { Kind = LineKind.Callback };
        line[7] = eighth;

        Assert.Equal(8, QueueLine.Position(line, eighth.Id, Nine));
        var served = new List<Guid>();
        while (QueueLine.Next(line, Nine.AddMinutes(20)) is { } next)
        {
            served.Add(next.Id);
            line.Remove(next);
        }

        Assert.Equal(7, served.IndexOf(eighth.Id));
    }

    [Fact]
    public void A_callback_at_a_chosen_time_waits_for_it_and_then_goes_before_those_who_came_after_its_call()
    {
        var early = Caller(0);
        var chosen = Caller(1) with { Kind = LineKind.Callback, NotBefore = Nine.AddMinutes(30) };
        var late = Caller(2);
        var line = new List<InLine> { late, chosen, early };

        Assert.Equal(early, QueueLine.Next(line, Nine.AddMinutes(10)));
        Assert.Null(QueueLine.Position(line, chosen.Id, Nine.AddMinutes(10)));
        Assert.Equal(2, QueueLine.Position(line, late.Id, Nine.AddMinutes(10)));

        line.Remove(early);
        Assert.Equal(late, QueueLine.Next(line, Nine.AddMinutes(20)));
        Assert.Equal(chosen, QueueLine.Next(line, Nine.AddMinutes(30)));
        Assert.Equal(2, QueueLine.Position(line, late.Id, Nine.AddMinutes(30)));
    }

    [Fact]
    public void Callers_entering_at_the_same_instant_keep_their_order_of_entry_and_an_empty_line_has_nobody_next()
    {
        var first = new InLine(Guid.NewGuid(), LineKind.Call, Nine, 5);
        var second = new InLine(Guid.NewGuid(), LineKind.Callback, Nine, 6);

        Assert.Equal(first, QueueLine.Next([second, first], Nine));
        Assert.Null(QueueLine.Next([], Nine));
        Assert.Throws<ArgumentException>(() => QueueLine.Position([first], Guid.NewGuid(), Nine));
    }

    private static InLine Caller(int i) => new(Guid.NewGuid(), LineKind.Call, Nine.AddSeconds(i * 30), i);
}
