using Touchpoint.Domain.Cases;

namespace Touchpoint.Domain.Tests.Cases;

public sealed class CaseEffortTests
{
    private static readonly DateTimeOffset Opened = new(2025, 5, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Nine_contacts_with_eight_people_are_counted_as_such()
    {
        // S1-3: nine interactions, eight different employees, one self-service visit without staff.
        var contacts = Enumerable.Range(0, 9)
            .Select(i => new CaseContact(Opened.AddDays(i), i switch { 8 => null, 7 => "staff-0", _ => $"staff-{i}" }))
            .ToList();
        var facts = new CaseEffortFacts(Opened, EndedAt: null, contacts, AcceptedHandoffs: 7);

        var effort = CaseEffort.Of(facts, Opened.AddDays(20).AddHours(5));

        Assert.Equal(new CaseEffort(9, 7, 7, TimeSpan.FromDays(20) + TimeSpan.FromHours(5)), effort);
        Assert.Equal(20, effort.DaysOpen);
    }

    [Fact]
    public void A_finished_case_stops_counting_days_when_it_ended()
    {
        var facts = new CaseEffortFacts(Opened, Opened.AddDays(37), [], AcceptedHandoffs: 0);

        Assert.Equal(37, CaseEffort.Of(facts, Opened.AddDays(400)).DaysOpen);
    }

    [Fact]
    public void A_case_measured_before_it_opened_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseEffort.Of(new CaseEffortFacts(Opened, null, [], 0), Opened.AddSeconds(-1)));

    [Fact]
    public void Team_figures_sum_and_average_their_cases()
    {
        var summaries = EffortSummary.PerTeam(
        [
            ("care", new CaseEffort(Contacts: 2, DistinctStaff: 1, Handoffs: 0, TimeSpan.FromDays(1))),
            ("care", new CaseEffort(Contacts: 9, DistinctStaff: 8, Handoffs: 7, TimeSpan.FromDays(37.5))),
            ("billing", new CaseEffort(Contacts: 1, DistinctStaff: 1, Handoffs: 1, TimeSpan.FromHours(12))),
        ]);

        Assert.Equal(new EffortSummary(2, 11, 7, 5.5, 4.5, 3.5, 19.25, 37), summaries["care"]);
        Assert.Equal(new EffortSummary(1, 1, 1, 1, 1, 1, 0.5, 0), summaries["billing"]);
    }

    [Fact]
    public void No_cases_give_zero_figures_rather_than_an_error() =>
        Assert.Equal(EffortSummary.Empty, EffortSummary.Of([]));
}
