using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Domain.Leaving;
using Touchpoint.Features.Audit;

namespace Touchpoint.Features.Leaving;

/// <summary>
/// A visitor's request on the public "Cancel or withdraw" page (CRD-11a, DE-312k): the details they gave were checked
/// against the customer on file and, when they matched, a one-time code went to the contact details on file. When
/// they did not match the request is still stored, with no customer and a code nobody received, so that every
/// answer the visitor gets is the same either way: the page never tells whether a subscription exists.
/// Its random id is what the visitor's browser carries between the steps.
/// </summary>
public sealed class LeaveRequest
{
    /// <summary>Random (not time-ordered), so one request's id says nothing about another's.</summary>
    public Guid Id { get; set; } = Guid.NewGuid();

    public DateTime CreatedAt { get; set; }

    /// <summary>Where the request came from, for the per-address rate limit.</summary>
    [PersonalData]
    public string? ClientAddress { get; set; }

    /// <summary>Null when the details matched no customer.</summary>
    public Guid? CustomerId { get; set; }

    public Guid? SubscriptionId { get; set; }

    /// <summary>The address on file the code went to (sms or email), null when nothing was sent.</summary>
    [PersonalData]
    public string? SentTo { get; set; }

    public string? SentVia { get; set; }

    [Secret]
    public required string CodeHash { get; set; }
    [Secret]
    public required string CodeSalt { get; set; }
    public DateTime CodeIssuedAt { get; set; }
    public int FailedAttempts { get; set; }

    /// <summary>When the right code was entered; the visitor may then confirm for <see cref="LeaveRequests.ConfirmWindow"/>.</summary>
    public DateTime? VerifiedAt { get; set; }

    /// <summary>Set when the visitor confirmed: the request is spent.</summary>
    public Guid? TerminationId { get; set; }

    public OneTimeCode Code => new(CodeHash, CodeSalt, CodeIssuedAt, FailedAttempts, VerifiedAt);

    public void Apply(OneTimeCode code)
    {
        ArgumentNullException.ThrowIfNull(code);
        FailedAttempts = code.FailedAttempts;
        VerifiedAt = code.UsedAt;
    }
}

internal sealed class LeaveRequestConfiguration : IEntityTypeConfiguration<LeaveRequest>
{
    public void Configure(EntityTypeBuilder<LeaveRequest> builder)
    {
        builder.ToTable("LeaveRequests");
        builder.Property(r => r.ClientAddress).HasMaxLength(64);
        builder.Property(r => r.SentTo).HasMaxLength(254);
        builder.Property(r => r.SentVia).HasMaxLength(8);
        builder.Property(r => r.CodeHash).HasMaxLength(64);
        builder.Property(r => r.CodeSalt).HasMaxLength(32);
        builder.Ignore(r => r.Code);
        // The rate limits count recent requests per client address and per subscription.
        builder.HasIndex(r => new { r.ClientAddress, r.CreatedAt });
        builder.HasIndex(r => new { r.SubscriptionId, r.CreatedAt });
    }
}
