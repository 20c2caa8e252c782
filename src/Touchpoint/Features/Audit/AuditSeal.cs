using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Domain.Audit;

namespace Touchpoint.Features.Audit;

/// <summary>
/// One link of the audit log's hash chain (<see cref="AuditChain"/>): the entries with ids
/// <see cref="FirstEntryId"/>..<see cref="LastEntryId"/>, sealed by <see cref="AuditSealer"/> once no transaction can
/// still add an entry among them. Append-only like the log: the database refuses updates and deletes.
/// </summary>
public sealed class AuditSeal
{
    /// <summary>1, 2, 3, …: given by the sealer, not the database, so two sealers cannot both extend the chain.</summary>
    public long Number { get; private set; }

    /// <summary>The id after the previous seal's last (1 for the first seal): the ranges leave no id unsealed.</summary>
    public long FirstEntryId { get; private set; }

    /// <summary>The id of the last entry sealed: an entry that exists.</summary>
    public long LastEntryId { get; private set; }

    public int EntryCount { get; private set; }
    public string EntriesHash { get; private set; } = "";
    public string PreviousHash { get; private set; } = "";
    public string Hash { get; private set; } = "";
    public DateTime SealedAt { get; private set; }

    public AuditSealContent Content => new(Number, FirstEntryId, LastEntryId, EntryCount, EntriesHash, PreviousHash, SealedAt);

    public static AuditSeal After(AuditSeal? previous, long lastEntryId, int entryCount, string entriesHash, DateTime sealedAt)
    {
        var content = new AuditSealContent(
            (previous?.Number ?? 0) + 1, (previous?.LastEntryId ?? 0) + 1, lastEntryId, entryCount, entriesHash, previous?.Hash ?? AuditChain.GenesisHash,
            // As stored: PostgreSQL keeps microseconds, and the hash must be of what is read back.
            new DateTime(sealedAt.Ticks - (sealedAt.Ticks % 10), DateTimeKind.Utc));
        return new AuditSeal
        {
            Number = content.Number,
            FirstEntryId = content.FirstEntryId,
            LastEntryId = content.LastEntryId,
            EntryCount = content.EntryCount,
            EntriesHash = content.EntriesHash,
            PreviousHash = content.PreviousHash,
            SealedAt = content.SealedAt,
            Hash = AuditChain.HashOf(content),
        };
    }
}

internal sealed class AuditSealConfiguration : IEntityTypeConfiguration<AuditSeal>
{
    public void Configure(EntityTypeBuilder<AuditSeal> builder)
    {
        builder.ToTable("AuditSeals");
        builder.HasKey(s => s.Number);
        builder.Property(s => s.Number).ValueGeneratedNever();
        builder.Property(s => s.EntriesHash).HasMaxLength(64);
        builder.Property(s => s.PreviousHash).HasMaxLength(64);
        builder.Property(s => s.Hash).HasMaxLength(64);
        builder.Ignore(s => s.Content);
    }
}
