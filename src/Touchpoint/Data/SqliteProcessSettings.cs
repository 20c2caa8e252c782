using Microsoft.Data.Sqlite;

namespace Touchpoint.Data;

/// <summary>
/// SQLite settings for the whole process, which SQLite takes only before its first connection is opened.
/// </summary>
internal static class SqliteProcessSettings
{
    private static int applied;

    /// <summary>
    /// Turns off SQLite's memory statistics: with them on, every allocation SQLite makes takes one process-wide lock
    /// to count it, and concurrent reads (a 360 page runs three queries) queued on that lock. Touchpoint never asks
    /// for the statistics. Too late once a connection has been opened (a host started after another in one test
    /// run): SQLite refuses the change and keeps counting, which is only slower.
    /// </summary>
    public static void Apply()
    {
        if (Interlocked.Exchange(ref applied, 1) == 1)
        {
            return;
        }

        // Loads the native library, as opening the first connection would.
        _ = new SqliteConnection();
        _ = SQLitePCL.raw.sqlite3_config(SQLitePCL.raw.SQLITE_CONFIG_MEMSTATUS, 0);
    }
}
