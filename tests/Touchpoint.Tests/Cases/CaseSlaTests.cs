using Microsoft.Extensions.Configuration;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Cases;

namespace Touchpoint.Tests.Cases;

/// <summary>
/// Cases opened together (a batch of arrived mail) share their deadline arithmetic; each must still get the deadlines
/// of its own kind, exactly as if it had been scheduled alone.
/// </summary>
public sealed class CaseSlaTests
{
    private static readonly DateTime Monday = new(2026, 12, 7, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void Cases_opened_at_one_instant_each_get_the_deadlines_of_their_own_kind_as_when_scheduled_alone()
    {
        var together = CaseSla.FromConfiguration(new ConfigurationBuilder().Build());
        var cases = new[]
        {
            NewCase(CaseType.Request, CasePriority.Medium, "SE"),
            NewCase(CaseType.Request, CasePriority.Medium, "SE"),
            NewCase(CaseType.Complaint, CasePriority.Medium, "SE"),
            NewCase(CaseType.Request, CasePriority.Critical, "SE"),
            NewCase(CaseType.Request, CasePriority.Medium, "NO"),
            NewCase(CaseType.Request, CasePriority.Medium, "SE"),
        };

        foreach (var @case in cases)
        {
            together.Reschedule(@case, [], Monday);
        }

        foreach (var @case in cases)
        {
            var alone = NewCase(@case.Type, @case.Priority, @case.Jurisdiction);
            CaseSla.FromConfiguration(new ConfigurationBuilder().Build()).Reschedule(alone, [], Monday);
            Assert.Equal((alone.NextDueAt, alone.NextSlaAlarmAt), (@case.NextDueAt, @case.NextSlaAlarmAt));
            Assert.NotNull(@case.NextDueAt);
        }

        Assert.NotEqual(cases[0].NextDueAt, cases[3].NextDueAt);
    }

    [Fact]
    public void A_case_already_answered_is_scheduled_from_its_own_history_not_from_a_fresh_one_opened_with_it()
    {
        var sla = CaseSla.FromConfiguration(new ConfigurationBuilder().Build());
        var fresh = NewCase(CaseType.Complaint, CasePriority.Medium, "SE");
        var answered = NewCase(CaseType.Complaint, CasePriority.Medium, "SE");
        answered.FirstResponseAt = answered.LastUpdateAt = Monday.AddMinutes(10);

        sla.Reschedule(fresh, [], Monday.AddMinutes(20));
        sla.Reschedule(answered, [], Monday.AddMinutes(20));

        Assert.NotEqual(fresh.NextDueAt, answered.NextDueAt);
    }

    private static Case NewCase(CaseType type, CasePriority priority, string jurisdiction) => new()
    {
        Reference = "C-000001",
        CustomerId = Guid.CreateVersion7(),
        Jurisdiction = jurisdiction,
        Type = type,
        Priority = priority,
        Status = CaseStatus.Acknowledged,
        Channel = InteractionChannel.Email,
        NeedStatement = "Roaming does not work.",
        OwnerKind = OwnerKind.User,
        OwnerId = "agent",
        OwnerName = "Anna Agent",
        AccountableUserId = "agent",
        OpenedAt = Monday,
        OpenedById = "agent",
        OpenedByName = "Anna Agent",
    };
}
