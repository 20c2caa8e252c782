using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Bench;

/// <summary>
/// "writes": audited EF Core writes (row + audit entry in one transaction) against raw inserts of
/// the same rows and audit entries on SQLite.
/// </summary>
internal static class WritesBenchmark
{
    public static Command Command()
    {
        var rows = BenchOptions.Count("--rows", 20_000, "rows written by each side");
        var command = new Command("writes", "Audited EF Core writes against raw inserts of the same rows and audit entries, on SQLite.") { rows };
        command.SetAction((parsed, _) => RunAsync(parsed.GetValue(rows)));
        return command;
    }

    private static async Task<int> RunAsync(int rows)
    {
        var batch = 500;
        var folder = Directory.CreateTempSubdirectory("touchpoint-bench-");
        try
        {
            var touchpoint = await MeasureTouchpointAsync(Path.Combine(folder.FullName, "tp.db"), rows, batch);
            var raw = await MeasureRawAsync(Path.Combine(folder.FullName, "raw.db"), rows, batch);
            var ratio = touchpoint / raw;
            Console.WriteLine($"{"benchmark",-28} {"touchpoint",14} {"raw baseline",14} {"ratio",7}");
            Console.WriteLine($"{"audited writes (rows/s)",-28} {touchpoint,14:N0} {raw,14:N0} {ratio,7:0.00}");
            Console.WriteLine(JsonSerializer.Serialize(new { benchmark = "writes", rows, batch, touchpointRowsPerSecond = Math.Round(touchpoint), rawRowsPerSecond = Math.Round(raw), ratio = Math.Round(ratio, 3) }));
            return 0;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    private static async Task<double> MeasureTouchpointAsync(string file, int rows, int batch)
    {
        var options = new DbContextOptionsBuilder<SqliteTouchpointDbContext>().UseSqlite($"Data Source={file}")
            .UseTouchpointServices(new CurrentActor(new HttpContextAccessor()), TimeProvider.System).Options;
        await using (var setup = new SqliteTouchpointDbContext(options))
        {
            await setup.Database.MigrateAsync();
            await setup.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
        }

        // The first batch pays for JIT and EF's model and query compilation; it is not timed.
        var watch = new Stopwatch();
        for (var done = -batch; done < rows; done += batch)
        {
            if (done == 0)
            {
                watch.Start();
            }

            await using var db = new SqliteTouchpointDbContext(options);
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            for (var i = done; i < Math.Min(rows, done + batch); i++)
            {
                db.PartnerAgencies.Add(new PartnerAgency { Name = $"Agency {i}", CreatedAt = now });
            }

            await db.SaveChangesAsync();
        }

        return rows / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double> MeasureRawAsync(string file, int rows, int batch)
    {
        await using var connection = new SqliteConnection($"Data Source={file}");
        await connection.OpenAsync();
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = """
                PRAGMA journal_mode=WAL;
                CREATE TABLE PartnerAgencies (Id TEXT PRIMARY KEY, Name TEXT NOT NULL UNIQUE, CreatedAt TEXT NOT NULL);
                CREATE TABLE AuditEntries (Id INTEGER PRIMARY KEY AUTOINCREMENT, At TEXT NOT NULL, UserId TEXT, UserName TEXT NOT NULL,
                  IpAddress TEXT, Channel TEXT NOT NULL, Action TEXT NOT NULL, EntityType TEXT NOT NULL, EntityId TEXT, Details TEXT);
                CREATE INDEX IX_At ON AuditEntries (At);
                CREATE INDEX IX_User ON AuditEntries (UserId, At);
                CREATE INDEX IX_Entity ON AuditEntries (EntityType, EntityId, At);
                """;
            await create.ExecuteNonQueryAsync();
        }

        var watch = new Stopwatch();
        for (var done = -batch; done < rows; done += batch)
        {
            if (done == 0)
            {
                watch.Start();
            }

            await using var transaction = connection.BeginTransaction();
            await using var insert = connection.CreateCommand();
            insert.CommandText = """
                INSERT INTO PartnerAgencies (Id, Name, CreatedAt) VALUES ($id, $name, $at);
                INSERT INTO AuditEntries (At, UserName, Channel, Action, EntityType, EntityId) VALUES ($at, 'system', 'system', 'Created', 'PartnerAgency', $id);
                """;
            var id = insert.Parameters.Add("$id", SqliteType.Text);
            var name = insert.Parameters.Add("$name", SqliteType.Text);
            var at = insert.Parameters.Add("$at", SqliteType.Text);
            for (var i = done; i < Math.Min(rows, done + batch); i++)
            {
                id.Value = Guid.CreateVersion7().ToString();
                name.Value = $"Agency {i}";
                at.Value = TimeProvider.System.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
                await insert.ExecuteNonQueryAsync();
            }

            await transaction.CommitAsync();
        }

        return rows / watch.Elapsed.TotalSeconds;
    }
}
