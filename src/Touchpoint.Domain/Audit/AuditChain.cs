using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Touchpoint.Domain.Audit;

/// <summary>What an audit entry says, as its seal hashes it: every column, the action by its stored name.</summary>
public sealed record AuditEntryContent(
    long Id, DateTime At, string? UserId, string UserName, string? IpAddress, string Channel, string Action, string EntityType, string? EntityId,
    string? Details, string? Changes, Guid? CustomerId, string? Subjects);

/// <summary>
/// One link of the chain: the entries with ids <see cref="FirstEntryId"/> to <see cref="LastEntryId"/> (ids skipped by
/// rolled-back inserts are simply absent), how many there were, the hash over them and the hash of the seal before.
/// </summary>
public sealed record AuditSealContent(
    long Number, long FirstEntryId, long LastEntryId, int EntryCount, string EntriesHash, string PreviousHash, DateTime SealedAt);

/// <summary>
/// The audit log's hash chain: the canonical bytes of an entry and of a seal, and their SHA-256 hashes.
/// </summary>
/// <remarks>
/// <para>
/// The canonical form is the same on SQLite and PostgreSQL, and for a log moved from one to the other: each field in a
/// fixed order as text (UTF-8), a null as the byte 0, a value as the byte 1, its length in bytes (4 bytes, big-endian)
/// and its bytes; so no value can pass for two fields or for a null. Numbers are invariant decimals, an id is a
/// lowercase GUID with hyphens, an action is its stored name, and an instant is UTC to the microsecond
/// (<c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>): PostgreSQL keeps microseconds, SQLite all seven digits, so the seventh is
/// cut off (as Npgsql does when it writes). Each form starts with its own tag, so an entry's bytes never hash as a seal's.
/// </para>
/// <para>Hashes are lowercase hex; the first seal's previous hash is <see cref="GenesisHash"/>.</para>
/// </remarks>
public static class AuditChain
{
    /// <summary>The previous hash of the first seal: 64 zeros.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private static readonly byte[] EntryTag = "touchpoint-audit-entry-v1"u8.ToArray();
    private static readonly byte[] SealTag = "touchpoint-audit-seal-v1"u8.ToArray();

    public static byte[] CanonicalBytes(AuditEntryContent entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var writer = new CanonicalWriter(EntryTag);
        writer.Add(Number(entry.Id));
        writer.Add(Instant(entry.At));
        writer.Add(entry.UserId);
        writer.Add(entry.UserName);
        writer.Add(entry.IpAddress);
        writer.Add(entry.Channel);
        writer.Add(entry.Action);
        writer.Add(entry.EntityType);
        writer.Add(entry.EntityId);
        writer.Add(entry.Details);
        writer.Add(entry.Changes);
        writer.Add(entry.CustomerId?.ToString("D", CultureInfo.InvariantCulture));
        writer.Add(entry.Subjects);
        return writer.ToArray();
    }

    public static byte[] CanonicalBytes(AuditSealContent seal)
    {
        ArgumentNullException.ThrowIfNull(seal);
        var writer = new CanonicalWriter(SealTag);
        writer.Add(Number(seal.Number));
        writer.Add(Number(seal.FirstEntryId));
        writer.Add(Number(seal.LastEntryId));
        writer.Add(Number(seal.EntryCount));
        writer.Add(seal.EntriesHash);
        writer.Add(seal.PreviousHash);
        writer.Add(Instant(seal.SealedAt));
        return writer.ToArray();
    }

    /// <summary>The hash of a seal, which the next seal names as its previous hash.</summary>
    public static string HashOf(AuditSealContent seal) => Convert.ToHexStringLower(SHA256.HashData(CanonicalBytes(seal)));

    /// <summary>The hash over the entries of a range, in id order: one pass, however many there are.</summary>
    public static EntriesHasher HashEntries() => new();

    /// <summary>An instant as the chain reads it: UTC, to the microsecond.</summary>
    public static string Instant(DateTime at)
    {
        if (at.Kind != DateTimeKind.Utc)
        {
            throw new ArgumentException($"Audit instants are UTC; {at:O} is {at.Kind}.", nameof(at));
        }

        return new DateTime(at.Ticks - (at.Ticks % 10), DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>SHA-256 over the canonical bytes of each entry added, in the order added.</summary>
    public sealed class EntriesHasher : IDisposable
    {
        private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        internal EntriesHasher()
        {
        }

        public int Count { get; private set; }

        public void Add(AuditEntryContent entry)
        {
            hash.AppendData(CanonicalBytes(entry));
            Count++;
        }

        /// <summary>The hash of the entries added so far; the hasher starts over empty.</summary>
        public string Finish()
        {
            Count = 0;
            return Convert.ToHexStringLower(hash.GetHashAndReset());
        }

        public void Dispose() => hash.Dispose();
    }

    private sealed class CanonicalWriter
    {
        private readonly ArrayBufferWriter<byte> bytes = new(256);

        public CanonicalWriter(byte[] tag) => Add(Encoding.ASCII.GetString(tag));

        public void Add(string? value)
        {
            if (value is null)
            {
                bytes.Write([(byte)0]);
                return;
            }

            var length = Encoding.UTF8.GetByteCount(value);
            var span = bytes.GetSpan(5 + length);
            span[0] = 1;
            BinaryPrimitives.WriteInt32BigEndian(span[1..], length);
            Encoding.UTF8.GetBytes(value, span[5..]);
            bytes.Advance(5 + length);
        }

        public byte[] ToArray() => bytes.WrittenSpan.ToArray();
    }
}
