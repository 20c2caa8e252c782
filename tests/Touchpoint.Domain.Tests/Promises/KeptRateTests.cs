using Touchpoint.Domain.Promises;
using static Touchpoint.Domain.Tests.Promises.PromiseSamples;

namespace Touchpoint.Domain.Tests.Promises;

public sealed class KeptRateTests
{
    private static readonly DateTime March = new(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime April = new(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Now = new(2026, 3, 20, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime InMarch = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    private static Promise Due(string owner, DateTime dueAt, PromiseState state, bool keptLate = false) => Callback() with
    {
        OwnerUserId = owner,
        MadeAt = dueAt.AddHours(-1),
        DueAt = dueAt,
        State = state,
        FulfilledAt = state == PromiseState.Kept || keptLate ? dueAt.AddMinutes(-5) : null,
    };

    [Fact]
    public void The_rate_is_kept_over_kept_plus_broken_and_withdrawn_are_left_out()
    {
        Promise[] promises =
        [
            Due("anna", InMarch, PromiseState.Kept),
            Due("anna", InMarch, PromiseState.Kept),
            Due("anna", InMarch, PromiseState.Kept),
            Due("anna", InMarch, PromiseState.Broken),
            Due("anna", InMarch, PromiseState.Withdrawn),
            Due("anna", InMarch, PromiseState.Withdrawn),
        ];

        var figures = KeptRates.Of(promises, March, April, Now);

        Assert.Equal(new KeptRate(Kept: 3, Broken: 1, KeptLate: 0, Withdrawn: 2, NotYetDue: 0), figures);
        Assert.Equal(0.75m, figures.Rate);
    }

    [Fact]
    public void Open_promises_not_yet_due_are_not_counted_in_the_rate()
    {
        var figures = KeptRates.Of([Due("anna", InMarch, PromiseState.Kept), Due("anna", Now.AddDays(2), PromiseState.Open)], March, April, Now);

        Assert.Equal(1, figures.NotYetDue);
        Assert.Equal(1m, figures.Rate);
    }

    [Fact]
    public void An_open_promise_past_due_counts_as_broken_even_before_the_watcher_records_it()
    {
        var figures = KeptRates.Of([Due("anna", Now, PromiseState.Open), Due("anna", InMarch, PromiseState.Kept)], March, April, Now);

        Assert.Equal(1, figures.Broken);
        Assert.Equal(0.5m, figures.Rate);
    }

    [Fact]
    public void Kept_late_counts_as_broken_and_is_shown_separately()
    {
        var figures = KeptRates.Of([Due("anna", InMarch, PromiseState.Broken, keptLate: true), Due("anna", InMarch, PromiseState.Kept)], March, April, Now);

        Assert.Equal(new KeptRate(1, 1, 1, 0, 0), figures);
        Assert.Equal(0.5m, figures.Rate);
    }

    [Fact]
    public void No_outcomes_means_no_rate_rather_than_zero()
    {
        Assert.Null(KeptRates.Of([], March, April, Now).Rate);
        Assert.Null(KeptRates.Of([Due("anna", InMarch, PromiseState.Withdrawn)], March, April, Now).Rate);
        Assert.Equal(0m, KeptRates.Of([Due("anna", InMarch, PromiseState.Broken)], March, April, Now).Rate);
    }

    [Fact]
    public void A_promise_belongs_to_the_period_its_due_time_falls_in()
    {
        Promise[] promises =
        [
            Due("anna", March, PromiseState.Kept), // start is inside
            Due("anna", April, PromiseState.Broken), // end is outside
            Due("anna", March.AddTicks(-1), PromiseState.Broken),
        ];

        Assert.Equal(new KeptRate(1, 0, 0, 0, 0), KeptRates.Of(promises, March, April, Now));
    }

    [Fact]
    public void Rates_per_owner_attribute_promises_to_the_owner_not_the_maker()
    {
        Promise[] promises =
        [
            Due("anna", InMarch, PromiseState.Kept) with { MadeByUserId = "store-erik" },
            Due("anna", InMarch, PromiseState.Broken) with { MadeByUserId = "store-erik" },
            Due("bo", InMarch, PromiseState.Kept),
        ];

        var byOwner = KeptRates.ByOwner(promises, March, April, Now);

        Assert.Equal(["anna", "bo"], byOwner.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(0.5m, byOwner["anna"].Rate);
        Assert.Equal(1m, byOwner["bo"].Rate);
    }

    [Fact]
    public void Rates_per_team_add_up_their_members_and_leave_out_owners_without_a_team()
    {
        var teams = new Dictionary<string, string> { ["anna"] = "care-north", ["bo"] = "care-north", ["cia"] = "care-south" };
        Promise[] promises =
        [
            Due("anna", InMarch, PromiseState.Kept),
            Due("bo", InMarch, PromiseState.Broken),
            Due("bo", InMarch, PromiseState.Kept),
            Due("cia", InMarch, PromiseState.Withdrawn),
            Due("temp", InMarch, PromiseState.Broken),
        ];

        var byTeam = KeptRates.ByTeam(promises, owner => teams.GetValueOrDefault(owner), March, April, Now);

        Assert.Equal(new KeptRate(2, 1, 0, 0, 0), byTeam["care-north"]);
        Assert.Equal(new KeptRate(0, 0, 0, 1, 0), byTeam["care-south"]);
        Assert.Equal(2, byTeam.Count);
    }

    [Fact]
    public void A_period_must_end_after_it_starts() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => KeptRates.Of([], April, March, Now));
}
