using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Audit;

namespace Touchpoint.Features.Audit;

/// <summary>A seal whose entries or whose own row are not what was sealed.</summary>
public sealed record AuditSealMismatch(long SealNumber, long FirstEntryId, long LastEntryId, string Problem)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Seal {SealNumber:N0} (entries {FirstEntryId:N0}–{LastEntryId:N0}): {Problem}");
}

/// <summary>How far a check has come: entries up to <see cref="LastEntryId"/> of <see cref="HighestEntryId"/>.</summary>
public sealed record AuditVerificationProgress(long SealsChecked, long EntriesChecked, long LastEntryId, long HighestEntryId);

/// <summary>What a check found; <see cref="Intact"/> when every seal matches. Entries not sealed yet are no failure.</summary>
public sealed record AuditVerificationResult(
    long SealsChecked, long EntriesChecked, long NotSealedYet, string HeadHash, long MismatchCount, IReadOnlyList<AuditSealMismatch> FirstMismatches)
{
    public bool Intact => MismatchCount == 0;
}

/// <summary>
/// Recomputes the audit log's hash chain from the database: every seal in order, the entries of each range in id order,
/// in keyset pages, so millions of entries take constant memory. Used by <c>touchpoint verify-audit</c> and the admin API.
/// </summary>
public sealed class AuditVerification(TouchpointDbContext db)
{
    /// <summary>Mismatches kept in detail; the rest are counted.</summary>
    public const int MismatchesKept = 20;

    private const int SealsPerPage = 200;
    private const int EntriesPerPage = 2_000;

    public async Task<AuditVerificationResult> RunAsync(IProgress<AuditVerificationProgress>? progress, CancellationToken cancellationToken)
    {
        var highestEntryId = await db.AuditEntries.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        var mismatches = new List<AuditSealMismatch>();
        long mismatchCount = 0;
        long sealsChecked = 0;
        long entriesChecked = 0;
        AuditSeal? previous = null;
        using var hasher = AuditChain.HashEntries();

        void Mismatch(AuditSeal seal, string problem)
        {
            mismatchCount++;
            if (mismatches.Count < MismatchesKept)
            {
                mismatches.Add(new AuditSealMismatch(seal.Number, seal.FirstEntryId, seal.LastEntryId, problem));
            }
        }

        while (true)
        {
            var afterNumber = previous?.Number ?? 0;
            var seals = await db.AuditSeals.AsNoTracking().Where(s => s.Number > afterNumber).OrderBy(s => s.Number).Take(SealsPerPage).ToListAsync(cancellationToken);
            if (seals.Count == 0)
            {
                break;
            }

            foreach (var seal in seals)
            {
                // Each seal is checked on its own against the one before it, so one tampered range does not hide the rest.
                var expectedNumber = (previous?.Number ?? 0) + 1;
                if (seal.Number != expectedNumber)
                {
                    Mismatch(seal, string.Create(CultureInfo.InvariantCulture, $"seals {expectedNumber:N0}–{seal.Number - 1:N0} are missing."));
                }

                var expectedFirst = (previous?.LastEntryId ?? 0) + 1;
                if (seal.FirstEntryId != expectedFirst)
                {
                    Mismatch(seal, string.Create(CultureInfo.InvariantCulture, $"its range should start at entry {expectedFirst:N0}, after the seal before it."));
                }

                if (seal.PreviousHash != (previous?.Hash ?? AuditChain.GenesisHash))
                {
                    Mismatch(seal, "the chain is broken: its previous hash is not the hash of the seal before it.");
                }

                if (AuditChain.HashOf(seal.Content) != seal.Hash)
                {
                    Mismatch(seal, "the seal itself was changed: its hash does not match its contents.");
                }

                // The entries between the previous seal's last and this one's: what this seal covers, whatever its row says.
                var unreadable = await HashEntriesAsync(hasher, previous?.LastEntryId ?? 0, seal.LastEntryId, cancellationToken);
                var count = hasher.Count;
                var entriesHash = hasher.Finish();
                entriesChecked += count;
                if (unreadable is not null)
                {
                    Mismatch(seal, $"its entries cannot be read as entries: {unreadable}");
                }
                else if (count != seal.EntryCount)
                {
                    Mismatch(seal, string.Create(CultureInfo.InvariantCulture,
                        $"{seal.EntryCount:N0} entries were sealed and {count:N0} are there now: entries were {(count < seal.EntryCount ? "deleted" : "added")}."));
                }
                else if (entriesHash != seal.EntriesHash)
                {
                    Mismatch(seal, "its entries are not the entries that were sealed: at least one was changed.");
                }

                previous = seal;
                sealsChecked++;
            }

            progress?.Report(new AuditVerificationProgress(sealsChecked, entriesChecked, previous!.LastEntryId, highestEntryId));
        }

        var sealedUpTo = previous?.LastEntryId ?? 0;
        var notSealedYet = await db.AuditEntries.LongCountAsync(e => e.Id > sealedUpTo, cancellationToken);
        return new AuditVerificationResult(sealsChecked, entriesChecked, notSealedYet, previous?.Hash ?? AuditChain.GenesisHash, mismatchCount, mismatches);
    }

    /// <summary>
    /// Adds the entries with ids after <paramref name="afterId"/> up to <paramref name="lastId"/> to the hasher; returns
    /// why they could not be read (a value no entry can hold, such as an unknown action), or null.
    /// </summary>
    private async Task<string?> HashEntriesAsync(AuditChain.EntriesHasher hasher, long afterId, long lastId, CancellationToken cancellationToken)
    {
        while (true)
        {
            List<AuditEntry> page;
            try
            {
                page = await db.AuditEntries.AsNoTracking()
                    .Where(e => e.Id > afterId && e.Id <= lastId)
                    .OrderBy(e => e.Id)
                    .Take(EntriesPerPage)
                    .ToListAsync(cancellationToken);
            }
            catch (InvalidOperationException exception)
            {
                return exception.Message;
            }

            foreach (var entry in page)
            {
                hasher.Add(entry.Content);
            }

            if (page.Count < EntriesPerPage)
            {
                return null;
            }

            afterId = page[^1].Id;
        }
    }
}
