using System.Data.Common;
using System.Globalization;
using Touchpoint.Data;

namespace Touchpoint.Bench.Customers;

/// <summary>
/// The import baseline: reads the interactions CSV with a plain split and inserts each interaction and its
/// timeline entry in one transaction — on SQLite with prepared commands, on PostgreSQL with binary COPY as
/// Touchpoint does —, into tables identical to Touchpoint's
/// (DDL copied from the migrated database, so columns, indexes and foreign keys match). Like Touchpoint's import it
/// checks references itself, so on SQLite it turns off the database's foreign-key checks for the load.
/// On SQLite a second figure bounds every importer: the engine alone copying already staged rows.
/// </summary>
internal static partial class RawImport
{
    /// <summary>
    /// The baseline's rate, and on SQLite also the engine's own: the same rows staged in a scratch file beforehand
    /// (untimed), then copied into fresh tables by two INSERT … SELECT statements and a commit (timed). No row crosses
    /// ADO.NET or is parsed while the clock runs, so no importer on this machine and SQLite build can go faster.
    /// </summary>
    public static async Task<RawImportRates> RunAsync(
        DatabaseProvider provider, string touchpointConnection, string folder, string interactionsCsv,
        IReadOnlyList<Guid> customerIds, Guid agencyId, string agencyName, CancellationToken cancellationToken)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            // Touchpoint's import writes PostgreSQL with binary COPY; so does its baseline, and COPY is the engine's own fastest path.
            var raw = new RawDb(provider, touchpointConnection);
            await CreatePostgresTablesAsync(raw, cancellationToken);
            try
            {
                return new RawImportRates(await CopyIntoPostgresAsync(raw, $"{Schema}.\"Interactions\"", $"{Schema}.\"TimelineEntries\"",
                    interactionsCsv, agencyId, agencyName, cancellationToken), null);
            }
            finally
            {
                // Also after a cancelled run: the copies would otherwise stay in the operator's database.
                await DropPostgresTablesAsync(raw, CancellationToken.None);
            }
        }

        var prepared = await PreparedInsertsIntoSqliteAsync(touchpointConnection, Path.Combine(folder, "raw-import.db"), interactionsCsv,
            customerIds, agencyId, agencyName, cancellationToken);
        Console.WriteLine("raw import baseline, SQLite engine alone (INSERT … SELECT of staged rows) …");
        var engine = await InsertSelectIntoSqliteAsync(touchpointConnection, Path.Combine(folder, "raw-engine.db"), Path.Combine(folder, "raw-staged.db"),
            interactionsCsv, customerIds, agencyId, agencyName, cancellationToken);
        return new RawImportRates(prepared, engine);
    }

    private readonly record struct RawRow(
        Guid Id, Guid Customer, DateTime At, string Channel, string Direction, string? AgencyName, string Agent, int? Duration, string Reason, string Summary);

    private static RawRow Parse(string line, string agencyName)
    {
        if (line.Contains('"', StringComparison.Ordinal))
        {
            throw new InvalidDataException("The raw baseline splits on commas; the generated file now has quoted fields.");
        }

        var f = line.Split(',');
        var agency = f[4].Length == 0 ? null : string.Equals(f[4], agencyName, StringComparison.OrdinalIgnoreCase)
            ? agencyName
            : throw new InvalidDataException($"Unknown partner agency '{f[4]}'.");
        return new RawRow(
            Guid.CreateVersion7(), Guid.Parse(f[0]),
            DateTime.Parse(f[1], CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
            f[2], f[3], agency, f[5], f[6].Length == 0 ? null : int.Parse(f[6], CultureInfo.InvariantCulture), f[7], f[8]);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>Interactions per second: the prepared-insert (SQLite) or COPY (PostgreSQL) baseline, and SQLite's engine alone.</summary>
internal sealed record RawImportRates(double Baseline, double? EngineAlone);
