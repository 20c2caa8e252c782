using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Data;
using Touchpoint.Domain.Feedback;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Customers;

namespace Touchpoint.Features.Feedback;

/// <summary>
/// One survey to one customer about one thing (a contact, a case, leaving, a promise made good): scheduled when that
/// happened, sent at its time when the contact rules allow, answered once through its link. Only a hash of the link's
/// token is kept, so the table does not hand out working links.
/// </summary>
public sealed class Survey
{
    public const int MaxCommentLength = 2000;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CustomerId { get; set; }

    public required SurveyKind Kind { get; set; }

    public required SurveyTrigger Trigger { get; set; }

    /// <summary>How many questions of its kind it asks (1 to <see cref="SurveyKinds.MostQuestions"/>).</summary>
    public int Questions { get; set; } = 1;

    /// <summary>What it is about, as the trigger names it: an interaction, a case, a termination, a promise.</summary>
    public Guid? AboutId { get; set; }

    /// <summary>When what it asks about happened.</summary>
    public DateTime AboutAt { get; set; }

    /// <summary>The case's or termination's reference, shown to the customer and to staff.</summary>
    public string? AboutReference { get; set; }

    /// <summary>The member of staff the contact or case was with, whose team lead follows up a low answer.</summary>
    public string? StaffUserId { get; set; }

    public string? StaffName { get; set; }

    /// <summary>The partner agency that handled the contact; the survey names it.</summary>
    public string? PartnerAgencyName { get; set; }

    /// <summary>The channel of the contact asked about (phone, store, chat…), for the lead's charts.</summary>
    public string? ContactChannel { get; set; }

    public required SurveyState State { get; set; }

    /// <summary>Why it was not sent (<see cref="SurveyContactRules.Reasons"/>), or why it waits.</summary>
    public string? Holdup { get; set; }

    public DateTime ScheduledAt { get; set; }

    /// <summary>When the dispatcher looks at it next; null once it is sent or suppressed.</summary>
    public DateTime? NextCheckAt { get; set; }

    public DateTime? SentAt { get; set; }

    /// <summary>sms or email.</summary>
    public string? SentVia { get; set; }

    public string? Language { get; set; }

    public DateTime? ExpiresAt { get; set; }

    /// <summary>SHA-256 of the link's token, hex.</summary>
    [Secret]
    public string? TokenHash { get; set; }

    public DateTime? AnsweredAt { get; set; }

    /// <summary>The answers, in question order, comma-separated ("1,1,1").</summary>
    public string? Scores { get; set; }

    [PersonalData]
    public string? Comment { get; set; }

    /// <summary>web, ivr or import: how the answer came.</summary>
    public string? AnsweredVia { get; set; }

    /// <summary>The call the answer was given in, for answers imported from the IVR.</summary>
    public string? CallId { get; set; }

    /// <summary>An answer low enough to follow up (<see cref="LowScores"/>).</summary>
    public bool Low { get; set; }

    public Guid? FollowUpCaseId { get; set; }

    public string? FollowUpCaseReference { get; set; }

    public Guid? FollowUpPromiseId { get; set; }

    /// <summary>When the customer was told what was done about their answer (S4-4).</summary>
    public DateTime? ToldCustomerAt { get; set; }

    /// <summary>Who owns the follow-up: the team lead of the staff member involved, else the first lead.</summary>
    public string? FollowUpOwnerId { get; set; }

    public int Version { get; set; }

    public IReadOnlyList<int> ScoreList => Parse(Scores);

    /// <summary>The answers stored as "1,1,1", in order.</summary>
    public static IReadOnlyList<int> Parse(string? scores) =>
        string.IsNullOrEmpty(scores) ? [] : [.. scores.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))];
}

internal sealed class SurveyConfiguration : IEntityTypeConfiguration<Survey>
{
    public void Configure(EntityTypeBuilder<Survey> builder)
    {
        builder.ToTable("Surveys");
        builder.Property(s => s.Kind).HasWireNameConversion(SurveyKinds.ToWireName, SurveyKinds.TryParse).HasMaxLength(8);
        builder.Property(s => s.Trigger).HasWireNameConversion(SurveyTriggers.ToWireName, SurveyTriggers.TryParse).HasMaxLength(20);
        builder.Property(s => s.State).HasWireNameConversion(SurveyStates.ToWireName, SurveyStates.TryParse).HasMaxLength(12);
        builder.Property(s => s.AboutReference).HasMaxLength(32);
        builder.Property(s => s.StaffUserId).HasMaxLength(450);
        builder.Property(s => s.StaffName).HasMaxLength(200);
        builder.Property(s => s.PartnerAgencyName).HasMaxLength(200);
        builder.Property(s => s.ContactChannel).HasMaxLength(16);
        builder.Property(s => s.Holdup).HasMaxLength(20);
        builder.Property(s => s.SentVia).HasMaxLength(8);
        builder.Property(s => s.Language).HasMaxLength(8);
        builder.Property(s => s.TokenHash).HasMaxLength(64);
        builder.Property(s => s.Scores).HasMaxLength(40);
        builder.Property(s => s.Comment).HasMaxLength(Survey.MaxCommentLength);
        builder.Property(s => s.AnsweredVia).HasMaxLength(8);
        builder.Property(s => s.CallId).HasMaxLength(100);
        builder.Property(s => s.FollowUpCaseReference).HasMaxLength(32);
        builder.Property(s => s.FollowUpOwnerId).HasMaxLength(450);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.ScoreList);
        builder.HasOne<Customer>().WithMany().HasForeignKey(s => s.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => s.TokenHash).IsUnique();
        // The fatigue rule reads a customer's last survey sent; the lead's view lists them newest first.
        builder.HasIndex(s => new { s.CustomerId, s.SentAt });
        // The dispatcher reads only what is due, through this index.
        builder.HasIndex(s => s.NextCheckAt);
        builder.HasIndex(s => s.FollowUpCaseId);
        builder.HasIndex(s => s.CallId);
        builder.HasIndex(s => new { s.AnsweredAt, s.Low });
    }
}
