using Touchpoint.Domain.Platform;

namespace Touchpoint.Domain.Tests.Platform;

public sealed class OwnerOnlyTests
{
    private static readonly WorkOwner Anna = new("Anna Agent", AnswerableUserId: "anna", TeamLeadId: "lena");

    [Theory]
    [InlineData("anna", false)]
    [InlineData("lena", false)]
    [InlineData("root", true)]
    public void The_owner_their_team_lead_and_an_admin_may_decide(string callerId, bool isAdmin) =>
        Assert.Null(OwnerOnly.Refusal(Anna, new StaffCaller(callerId, isAdmin), "Case C-1"));

    [Fact]
    public void Anyone_else_is_refused_with_the_owners_name_and_what_to_do_instead() =>
        Assert.Equal(
            "Case C-1 is owned by Anna Agent; ask for a handoff.",
            OwnerOnly.Refusal(Anna, new StaffCaller("sam", IsAdmin: false), "Case C-1"));

    [Fact]
    public void Another_team_lead_is_anyone_else()
    {
        var otherTeamsLead = new StaffCaller("olle", IsAdmin: false);

        Assert.NotNull(OwnerOnly.Refusal(Anna, otherTeamsLead, "Case C-1"));
    }

    [Fact]
    public void Work_waiting_in_a_queue_is_the_queue_leads_and_their_team_leads_until_a_member_picks_it_up()
    {
        var queued = new WorkOwner("the Customer service queue", AnswerableUserId: "lena", TeamLeadId: "head");

        Assert.Null(OwnerOnly.Refusal(queued, new StaffCaller("lena", false), "Case C-2"));
        Assert.Null(OwnerOnly.Refusal(queued, new StaffCaller("head", false), "Case C-2"));
        Assert.Equal(
            "Case C-2 is owned by the Customer service queue; ask for a handoff.",
            OwnerOnly.Refusal(queued, new StaffCaller("anna", false), "Case C-2"));
    }

    [Fact]
    public void An_owner_who_reports_to_nobody_is_answered_for_by_themselves_and_admins_only()
    {
        var lead = new WorkOwner("Lena Lead", AnswerableUserId: "lena", TeamLeadId: null);

        Assert.Null(OwnerOnly.Refusal(lead, new StaffCaller("lena", false), "Case C-3"));
        Assert.NotNull(OwnerOnly.Refusal(lead, new StaffCaller("anna", false), "Case C-3"));
    }
}
