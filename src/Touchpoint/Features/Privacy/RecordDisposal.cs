using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Touchpoint.Data;
using Touchpoint.Domain.Privacy;
using Touchpoint.Features.Audit;

namespace Touchpoint.Features.Privacy;

/// <summary>How many rows of one kind were deleted or anonymised.</summary>
public sealed record DisposedKind(string Kind, RecordFate Fate, int Rows);

/// <summary>
/// Carries out a <see cref="RecordPlan"/>: deletes the rows of the kinds it deletes, and clears every personal field of
/// the rows it anonymises — read from the EF model (<see cref="PersonalData"/>), so a personal column added to an
/// entity is cleared without anyone adding it here. Rows are tracked and saved by the caller with
/// <see cref="TouchpointDbContext.SaveDisposalAsync"/>, which writes no per-row audit (it would copy the erased values
/// into the log); the caller records one entry instead.
/// </summary>
public static class RecordDisposal
{
    /// <summary>What a required text field of an anonymised row holds.</summary>
    public const string Erased = "(erased)";

    public static async Task<List<DisposedKind>> ApplyAsync(
        TouchpointDbContext db, Guid[] records, IReadOnlyList<PlannedFate> plan, bool countKept, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plan);
        var disposed = new List<DisposedKind>();
        foreach (var fate in plan)
        {
            var section = PersonalDataSections.All.Single(s => s.Key == fate.Kind);
            if (fate.Fate == RecordFate.Keep)
            {
                // An erasure tells what stays as well, for the kinds the customer has rows of.
                if (countKept && fate.Kind != "audit" && await section.Rows(db, records).CountAsync(cancellationToken) is var kept and > 0)
                {
                    disposed.Add(new DisposedKind(fate.Kind, RecordFate.Keep, kept));
                }

                continue;
            }

            var rows = await section.TrackedRows(db, records).ToListAsync(cancellationToken);
            var count = 0;
            foreach (var row in rows)
            {
                if (fate.Fate == RecordFate.Delete)
                {
                    db.Remove(row);
                    count++;
                }
                else if (Anonymise(db.Entry(row)))
                {
                    count++;
                }
            }

            if (fate.Kind == "customer")
            {
                // The words of the name are its search index: a name that is gone is not findable by its parts.
                await db.CustomerNameTokens.Where(t => records.Contains(t.CustomerId)).ExecuteDeleteAsync(cancellationToken);
            }

            if (count > 0)
            {
                disposed.Add(new DisposedKind(fate.Kind, fate.Fate, count));
            }
        }

        return disposed;
    }

    /// <summary>
    /// One line per kind deleted or anonymised, then one per reason for keeping the rest, as the timeline, the audit
    /// and the request's outcome tell it.
    /// </summary>
    public static string Describe(IReadOnlyList<DisposedKind> outcome, IEnumerable<PlannedFate> plan)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var fates = plan.ToDictionary(p => p.Kind);
        var lines = outcome.Where(d => d.Fate != RecordFate.Keep)
            .Select(d => $"{d.Kind}: {d.Rows} {(d.Fate == RecordFate.Delete ? "deleted" : "anonymised")}")
            .Concat(outcome.Where(d => d.Fate == RecordFate.Keep)
                .GroupBy(d => (fates[d.Kind].KeptUntil, fates[d.Kind].Why))
                .Select(g => $"Kept{(g.Key.KeptUntil is { } until ? $" until {until:yyyy-MM-dd}" : "")}: {string.Join(", ", g.Select(d => $"{d.Kind} {d.Rows}"))}. {g.Key.Why}"))
            .ToList();
        return lines.Count == 0 ? "Nothing to dispose of." : string.Join("\n", lines);
    }

    /// <summary>Clears every personal field of a row and every personal value it owns (an address); true when anything changed.</summary>
    private static bool Anonymise(EntityEntry entry)
    {
        var changed = false;
        foreach (var property in entry.Properties)
        {
            if (PersonalData.SensitivityOf(property.Metadata) != FieldSensitivity.Personal)
            {
                continue;
            }

            // Nothing personal is left in an empty value; a second pass over anonymised rows changes nothing.
            var blank = Blank(property.Metadata.IsNullable, property.Metadata.ClrType);
            if (property.CurrentValue is null or "" or byte[] { Length: 0 } || Equals(property.CurrentValue, blank))
            {
                continue;
            }

            property.CurrentValue = blank;
            changed = true;
        }

        foreach (var owned in entry.References.Where(r => r.Metadata.TargetEntityType.IsOwned()))
        {
            if (owned.CurrentValue is not null
                && owned.Metadata.TargetEntityType.GetProperties().Any(p => PersonalData.SensitivityOf(p) == FieldSensitivity.Personal))
            {
                owned.CurrentValue = null;
                changed = true;
            }
        }

        return changed;
    }

    private static object? Blank(bool nullable, Type type) =>
        nullable ? null
        : type == typeof(string) ? Erased
        : type == typeof(byte[]) ? Array.Empty<byte>()
        : throw new InvalidOperationException($"A personal field of type {type.Name} has no anonymous value; make it nullable or a text.");
}
