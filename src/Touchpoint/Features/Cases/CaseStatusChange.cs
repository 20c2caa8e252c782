using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Features.Audit;

namespace Touchpoint.Features.Cases;

/// <summary>
/// One status a case entered, from <c>acknowledged</c> at creation on: TMF621's <c>statusChange</c> history. Written
/// by <see cref="CaseCommands"/> in the same transaction as the case, whose own audit entry already says it changed.
/// </summary>
public sealed class CaseStatusChange : IDerivedRow
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public DateTime At { get; set; }

    /// <summary>The status entered.</summary>
    public required CaseStatus Status { get; set; }

    public string? Reason { get; set; }
    public required string ChangedByName { get; set; }

    /// <summary>The history entry for the status <paramref name="case"/> has now.</summary>
    public static CaseStatusChange Of(Case @case, DateTime at, string? reason, string changedByName)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return new CaseStatusChange
        {
            CaseId = @case.Id,
            At = at,
            Status = @case.Status,
            Reason = string.IsNullOrEmpty(reason) ? null : reason,
            ChangedByName = changedByName,
        };
    }
}

internal sealed class CaseStatusChangeConfiguration : IEntityTypeConfiguration<CaseStatusChange>
{
    public void Configure(EntityTypeBuilder<CaseStatusChange> builder)
    {
        builder.ToTable("CaseStatusChanges");
        builder.Property(s => s.Status).HasWireNameConversion(CaseStatuses.ToWireName, CaseStatuses.TryParse).HasMaxLength(16);
        builder.Property(s => s.Reason).HasMaxLength(CaseLimits.ReasonLength);
        builder.Property(s => s.ChangedByName).HasMaxLength(200);
        builder.HasOne<Case>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(s => new { s.CaseId, s.At });
    }
}
