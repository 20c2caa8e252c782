using Touchpoint.Domain.Cases;

namespace Touchpoint.Domain.Tests.Cases;

public sealed class CaseOwnershipTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);
    private static readonly CaseOwner Anna = new(OwnerKind.User, "u-anna", "Anna Berg");
    private static readonly CaseOwner Bo = new(OwnerKind.User, "u-bo", "Bo Ek");
    private static readonly CaseOwner HelpDesk = new(OwnerKind.Queue, "q-helpdesk", "Help desk");
    private static readonly CaseOwner PressOffice = new(OwnerKind.Queue, "q-pr", "PR");

    [Fact]
    public void A_new_case_is_owned_by_whoever_received_it_with_no_handoffs()
    {
        var ownership = CaseOwnership.StartWith(Anna);

        Assert.Equal(Anna, ownership.Owner);
        Assert.Equal(0, ownership.Handoffs);
        Assert.Null(ownership.PendingHandoff);
        Assert.False(ownership.IsBounced);
    }

    [Fact]
    public void Until_the_new_owner_accepts_the_old_owner_still_owns_the_case()
    {
        var requested = Succeed(CaseOwnership.StartWith(Anna).RequestHandoff(Bo, Now, "Billing question"));

        Assert.Equal(Anna, requested.Owner);
        Assert.Equal(new HandoffRequest(Anna, Bo, Now, "Billing question", IsBounce: false), requested.PendingHandoff);
        Assert.Equal(0, requested.Handoffs);
    }

    [Fact]
    public void Accepting_moves_the_case_and_counts_the_handoff()
    {
        var accepted = Succeed(Succeed(CaseOwnership.StartWith(Anna).RequestHandoff(Bo, Now, "Billing question")).Accept("u-bo"));

        Assert.Equal(Bo, accepted.Owner);
        Assert.Equal([Anna, Bo], accepted.Owners);
        Assert.Equal(1, accepted.Handoffs);
        Assert.Null(accepted.PendingHandoff);
    }

    [Fact]
    public void Declining_leaves_the_case_with_its_owner_and_counts_nothing()
    {
        var declined = Succeed(Succeed(CaseOwnership.StartWith(Anna).RequestHandoff(Bo, Now, "Billing question")).Decline("u-bo"));

        Assert.Equal(Anna, declined.Owner);
        Assert.Equal(0, declined.Handoffs);
        Assert.Null(declined.PendingHandoff);
    }

    [Fact]
    public void Cancelling_withdraws_the_request()
    {
        var cancelled = Succeed(Succeed(CaseOwnership.StartWith(Anna).RequestHandoff(Bo, Now, "Billing question")).Cancel());

        Assert.Equal(CaseOwnership.StartWith(Anna), cancelled);
    }

    [Fact]
    public void Only_the_proposed_person_can_accept_or_decline()
    {
        var requested = Succeed(CaseOwnership.StartWith(Anna).RequestHandoff(Bo, Now, "Billing question"));

        var accept = requested.Accept("u-anna");
        var decline = requested.Decline("u-someone");

        Assert.Equal("Only Bo Ek can accept this handoff.", accept.Error);
        Assert.Equal("Only Bo Ek can decline this handoff.", decline.Error);
        Assert.Same(requested, accept.Ownership);
        Assert.Same(requested, decline.Ownership);
    }

    [Fact]
    public void A_handoff_to_a_queue_is_accepted_by_a_member_checked_by_the_caller()
    {
        var accepted = Succeed(Succeed(CaseOwnership.StartWith(Anna).RequestHandoff(HelpDesk, Now, "Needs a technician")).Accept("u-carl"));

        Assert.Equal(HelpDesk, accepted.Owner);
    }

    [Fact]
    public void A_second_request_waits_until_the_first_is_answered()
    {
        var requested = Succeed(CaseOwnership.StartWith(Anna).RequestHandoff(Bo, Now, "Billing question"));

        var second = requested.RequestHandoff(HelpDesk, Now, "Actually a fault");

        Assert.False(second.Succeeded);
        Assert.Equal("A handoff to Bo Ek is already waiting for an answer; it must be accepted, declined or cancelled first.", second.Error);
    }

    [Fact]
    public void Handing_a_case_to_its_own_owner_is_refused()
    {
        var result = CaseOwnership.StartWith(HelpDesk).RequestHandoff(HelpDesk with { }, Now, "Again");

        Assert.Equal("The case is already owned by the Help desk queue.", result.Error);
    }

    [Fact]
    public void A_handoff_needs_a_reason()
    {
        var result = CaseOwnership.StartWith(Anna).RequestHandoff(Bo, Now, "  ");

        Assert.Equal("A handoff needs a reason, so the new owner and the case history show why it moved.", result.Error);
    }

    [Theory]
    [InlineData("accept")]
    [InlineData("decline")]
    [InlineData("cancel")]
    public void Answering_when_nothing_waits_is_refused(string verb)
    {
        var ownership = CaseOwnership.StartWith(Anna);

        var result = verb switch
        {
            "accept" => ownership.Accept("u-anna"),
            "decline" => ownership.Decline("u-anna"),
            _ => ownership.Cancel(),
        };

        Assert.Equal($"There is no handoff waiting to {verb}.", result.Error);
    }

    [Fact]
    public void Sending_a_case_back_to_a_queue_it_left_is_a_bounce()
    {
        var atPress = HandOver(CaseOwnership.StartWith(HelpDesk), PressOffice);

        var back = Succeed(atPress.RequestHandoff(HelpDesk, Now, "Not ours"));

        Assert.True(back.PendingHandoff!.IsBounce);
        Assert.True(back.IsBounced);
        Assert.Equal(1, back.Bounces);
    }

    [Fact]
    public void Sending_a_case_back_to_a_person_it_left_is_a_bounce_even_after_a_rename()
    {
        var atHelpDesk = HandOver(HandOver(CaseOwnership.StartWith(Anna), Bo), HelpDesk);

        var back = Succeed(atHelpDesk.RequestHandoff(Anna with { Name = "Anna Lund" }, Now, "Her customer"));

        Assert.True(back.PendingHandoff!.IsBounce);
    }

    [Fact]
    public void A_handoff_to_someone_new_is_not_a_bounce()
    {
        var atBo = HandOver(CaseOwnership.StartWith(Anna), Bo);

        var onward = Succeed(atBo.RequestHandoff(HelpDesk, Now, "Needs a technician"));

        Assert.False(onward.PendingHandoff!.IsBounce);
        Assert.False(onward.IsBounced);
    }

    [Fact]
    public void A_user_and_a_queue_with_the_same_id_are_different_owners() =>
        Assert.False(CaseOwnership.IsBounce([new CaseOwner(OwnerKind.User, "x", "X"), Bo], new CaseOwner(OwnerKind.Queue, "x", "X")));

    [Fact]
    public void The_bounce_flag_stays_when_the_bounce_is_declined()
    {
        var atPress = HandOver(CaseOwnership.StartWith(HelpDesk), PressOffice);

        var declined = Succeed(Succeed(atPress.RequestHandoff(HelpDesk, Now, "Not ours")).Decline("u-any"));

        Assert.True(declined.IsBounced);
        Assert.Equal(PressOffice, declined.Owner);
    }

    [Fact]
    public void Ping_pong_counts_every_accepted_handoff_and_every_bounce()
    {
        var ownership = CaseOwnership.StartWith(HelpDesk);
        foreach (var next in new[] { PressOffice, HelpDesk, PressOffice, HelpDesk })
        {
            ownership = HandOver(ownership, next);
        }

        Assert.Equal(4, ownership.Handoffs);
        Assert.Equal(3, ownership.Bounces);
        Assert.Equal([HelpDesk, PressOffice, HelpDesk, PressOffice, HelpDesk], ownership.Owners);
    }

    [Fact]
    public void Bounce_detection_looks_only_at_owners_the_case_has_left()
    {
        Assert.False(CaseOwnership.IsBounce([], Anna));
        Assert.False(CaseOwnership.IsBounce([Anna], Anna));
        Assert.True(CaseOwnership.IsBounce([Anna, Bo], Anna));
        Assert.False(CaseOwnership.IsBounce([Anna, Bo], HelpDesk));
        Assert.True(CaseOwnership.IsBounce([Anna, Bo, Anna], Bo));
    }

    [Fact]
    public void A_member_picks_a_case_up_from_its_queue_and_that_is_no_handoff_but_passing_it_on_afterwards_is()
    {
        var claimed = Succeed(CaseOwnership.StartWith(HelpDesk).Claim(Anna));

        Assert.Equal(Anna, claimed.Owner);
        Assert.Equal(0, claimed.Handoffs);
        Assert.Equal(1, HandOver(claimed, Bo).Handoffs);
    }

    [Fact]
    public void Only_a_case_waiting_in_a_queue_with_nothing_pending_is_claimed_and_only_by_a_person()
    {
        Assert.Contains("not waiting in a queue", CaseOwnership.StartWith(Anna).Claim(Bo).Error, StringComparison.Ordinal);
        Assert.Contains("by a person", CaseOwnership.StartWith(HelpDesk).Claim(PressOffice).Error, StringComparison.Ordinal);
        var handingOn = Succeed(CaseOwnership.StartWith(HelpDesk).RequestHandoff(PressOffice, Now, "Press question"));
        var refused = handingOn.Claim(Anna);
        Assert.False(refused.Succeeded);
        Assert.Equal(HelpDesk, refused.Ownership.Owner);
    }

    [Fact]
    public void Owners_need_an_id_and_a_name()
    {
        Assert.Throws<ArgumentException>(() => new CaseOwner(OwnerKind.User, " ", "Anna"));
        Assert.Throws<ArgumentException>(() => new CaseOwner(OwnerKind.Queue, "q", ""));
        Assert.Equal(["user", "queue"], Enum.GetValues<OwnerKind>().Select(k => k.ToWireName()));
    }

    private static CaseOwnership HandOver(CaseOwnership ownership, CaseOwner to) =>
        Succeed(Succeed(ownership.RequestHandoff(to, Now, "Handover")).Accept(to.Id));

    private static CaseOwnership Succeed(OwnershipChange change)
    {
        Assert.True(change.Succeeded, change.Error);
        return change.Ownership;
    }
}
