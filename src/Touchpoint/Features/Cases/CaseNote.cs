using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Touchpoint.Features.Cases;

/// <summary>
/// A free-text note on a case (TMF621 <c>note</c>): extra information for whoever works on it. Unlike a
/// <see cref="CaseQuestion"/> it asks nothing of anyone, so it never blocks resolving. Notes are only added.
/// </summary>
public sealed class CaseNote
{
    public const int TextLength = 4000;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid CaseId { get; set; }
    public DateTime At { get; set; }
    [PersonalData]
    public required string Text { get; set; }
    public string? AuthorId { get; set; }
    public required string AuthorName { get; set; }
}

internal sealed class CaseNoteConfiguration : IEntityTypeConfiguration<CaseNote>
{
    public void Configure(EntityTypeBuilder<CaseNote> builder)
    {
        builder.ToTable("CaseNotes");
        builder.Property(n => n.Text).HasMaxLength(CaseNote.TextLength);
        builder.Property(n => n.AuthorId).HasMaxLength(450);
        builder.Property(n => n.AuthorName).HasMaxLength(200);
        builder.HasOne<Case>().WithMany().HasForeignKey(n => n.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(n => new { n.CaseId, n.At });
    }
}
