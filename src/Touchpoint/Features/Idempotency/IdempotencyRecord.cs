using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Touchpoint.Features.Audit;

namespace Touchpoint.Features.Idempotency;

/// <summary>
/// A create sent with an <c>Idempotency-Key</c>: inserted in the same transaction as what the request creates, so a key
/// exists exactly when its create was committed, then completed with the answer, which a repeat of the key gets back
/// for <see cref="IdempotencyKeys.Lifetime"/>. Derived from the audited create, so not audited itself.
/// </summary>
public sealed class IdempotencyRecord : IDerivedRow
{
    public const int KeyLength = 255;
    public const int UserIdLength = 100;

    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>The caller's user id: a key is the caller's own, so two clients choosing the same key never meet.</summary>
    public required string UserId { get; set; }

    public required string Key { get; set; }

    /// <summary>SHA-256 of the method, path, query and body: the same key with another request is refused.</summary>
    [Secret]
    public required byte[] RequestHash { get; set; }

    public DateTime CreatedAt { get; set; }

    /// <summary>Null until the answer is written: the create was committed but its answer was lost, or is on its way.</summary>
    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }
    public string? Location { get; set; }
    /// <summary>The answer as sent: the created record, personal data of its customer.</summary>
    [PersonalData]
    public byte[]? Body { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> builder)
    {
        builder.Property(r => r.UserId).HasMaxLength(IdempotencyRecord.UserIdLength);
        builder.Property(r => r.Key).HasMaxLength(IdempotencyRecord.KeyLength);
        builder.Property(r => r.ContentType).HasMaxLength(200);
        builder.Property(r => r.Location).HasMaxLength(2000);
        builder.HasIndex(r => new { r.UserId, r.Key }).IsUnique();
        builder.HasIndex(r => r.CreatedAt);
    }
}
