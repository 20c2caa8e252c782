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
        var facts = new CaseEffortFacts(Opened, EndedAt: null, contacts, AcceptedHandoffs: 7, Reopenings: 0, Solved: false);

        var effort = CaseEffort.Of(facts, Opened.AddDays(20).AddHours(5));

        Assert.Equal(new CaseEffort(9, 7, 7, 0, TimeSpan.FromDays(20) + TimeSpan.FromHours(5), Solved: false, FirstContactResolution: false), effort);
        Assert.Equal(20, effort.DaysOpen);
    }

    [Fact]
    public void A_finished_case_stops_counting_days_when_it_ended()
    {
        var facts = new CaseEffortFacts(Opened, Opened.AddDays(37), [], AcceptedHandoffs: 0, Reopenings: 0, Solved: true);

        Assert.Equal(37, CaseEffort.Of(facts, Opened.AddDays(400)).DaysOpen);
    }

    [Fact]
    public void A_case_measured_before_it_opened_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseEffort.Of(new CaseEffortFacts(Opened, null, [], 0, 0, Solved: false), Opened.AddSeconds(-1)));

    [Fact]
    public void Negative_reopenings_are_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CaseEffort.Of(new CaseEffortFacts(Opened, null, [], 0, -1, Solved: false), Opened));

    [Fact]
    public void A_case_solved_with_the_one_contact_that_raised_it_is_a_first_contact_resolution()
    {
        var effort = CaseEffort.Of(Solved(contacts: 1), Opened.AddDays(3));

        Assert.True(effort.FirstContactResolution);
        Assert.Equal(0, effort.Reopenings);
    }

    [Fact]
    public void A_reopened_case_is_never_a_first_contact_resolution_and_shows_its_reopenings()
    {
        // Resolved on the first call, then the customer got another port-in form and called back: twice.
        var effort = CaseEffort.Of(Solved(contacts: 1, reopenings: 2), Opened.AddDays(3));

        Assert.False(effort.FirstContactResolution);
        Assert.Equal(2, effort.Reopenings);
        Assert.True(effort.Solved);
    }

    [Theory]
    [InlineData(2, 0, true)]
    [InlineData(1, 1, true)]
    [InlineData(0, 0, false)]
    public void More_contacts_a_handoff_or_no_solution_is_no_first_contact_resolution(int contacts, int handoffs, bool solved)
    {
        var facts = Solved(contacts) with { AcceptedHandoffs = handoffs, Solved = solved, EndedAt = solved ? Opened.AddDays(1) : null };

        Assert.False(CaseEffort.Of(facts, Opened.AddDays(3)).FirstContactResolution);
    }

    [Fact]
    public void Team_figures_count_reopened_cases_and_first_contact_resolution_only_among_solved_cases()
    {
        var summary = EffortSummary.Of(
        [
            CaseEffort.Of(Solved(contacts: 1), Opened.AddDays(1)),
            CaseEffort.Of(Solved(contacts: 0), Opened.AddDays(1)),
            CaseEffort.Of(Solved(contacts: 1, reopenings: 2), Opened.AddDays(1)),
            CaseEffort.Of(Solved(contacts: 3), Opened.AddDays(1)),
            // Reopened and still open: counted as reopened, not yet in the first-contact share.
            CaseEffort.Of(Solved(contacts: 1, reopenings: 1) with { Solved = false, EndedAt = null }, Opened.AddDays(1)),
        ]);

        Assert.Equal((5, 2, 3), (summary.Cases, summary.Reopened, summary.Reopenings));
        Assert.Equal((4, 2), (summary.Solved, summary.FirstContactResolutions));
        Assert.Equal(0.5, summary.FirstContactResolutionRate);
    }

    [Fact]
    public void Without_a_solved_case_there_is_no_first_contact_resolution_rate()
    {
        var open = CaseEffort.Of(new CaseEffortFacts(Opened, null, [], 0, 0, Solved: false), Opened.AddDays(1));

        Assert.Null(EffortSummary.Of([open]).FirstContactResolutionRate);
        Assert.Null(EffortSummary.Empty.FirstContactResolutionRate);
    }

    private static CaseEffortFacts Solved(int contacts, int reopenings = 0) => new(
        Opened,
        Opened.AddHours(2),
        [.. Enumerable.Range(0, contacts).Select(i => new CaseContact(Opened.AddMinutes(i), "staff-1"))],
        AcceptedHandoffs: 0,
        reopenings,
        Solved: true);

    [Fact]
    public void Team_figures_sum_and_average_their_cases()
    {
        var summaries = EffortSummary.PerTeam(
        [
            ("care", new CaseEffort(Contacts: 2, DistinctStaff: 1, Handoffs: 0, Reopenings: 1, TimeSpan.FromDays(1), Solved: true, FirstContactResolution: false)),
            ("care", new CaseEffort(Contacts: 9, DistinctStaff: 8, Handoffs: 7, Reopenings: 0, TimeSpan.FromDays(37.5), Solved: false, FirstContactResolution: false)),
            ("billing", new CaseEffort(Contacts: 1, DistinctStaff: 1, Handoffs: 1, Reopenings: 0, TimeSpan.FromHours(12), Solved: true, FirstContactResolution: false)),
        ]);

        Assert.Equal(new EffortSummary(2, 11, 7, 5.5, 4.5, 3.5, 19.25, 37, Reopened: 1, Reopenings: 1, Solved: 1, FirstContactResolutions: 0), summaries["care"]);
        Assert.Equal(new EffortSummary(1, 1, 1, 1, 1, 1, 0.5, 0, Reopened: 0, Reopenings: 0, Solved: 1, FirstContactResolutions: 0), summaries["billing"]);
    }

    [Fact]
    public void No_cases_give_zero_figures_rather_than_an_error() =>
        Assert.Equal(EffortSummary.Empty, EffortSummary.Of([]));
}
