using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Win32.SafeHandles;
using Touchpoint.Data;
using Touchpoint.Data.Bulk;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Audit;

/// <summary>
/// Where a read's audit entry is written before the data leaves: one line appended to a file in the data folder,
/// on the request's own thread. <see cref="MoveAsync"/> takes the lines into <c>AuditEntries</c> in one transaction
/// per file, every few seconds (<see cref="AuditJournalMover"/>) and whenever the audit log is looked at.
/// </summary>
/// <remarks>
/// <para>
/// Why not a database write per read: the 360 page is read a thousand times a second, and on SQLite every commit makes
/// every other connection throw away its page cache, so the pages each read needs are read again. With one commit per
/// read (or per small group of reads) the audit halved the 360 page's throughput; with one move every few seconds it
/// costs a line each. On PostgreSQL it saves the audit's round trips.
/// </para>
/// <para>
/// Durability: a line is handed to the operating system before the read returns, so it survives a crash of Touchpoint,
/// as a SQLite commit with <c>synchronous=NORMAL</c> does. A move commits a file's lines and then deletes the file; a
/// crash between the two moves that file again on the next start, so a read can be logged twice, never not at all.
/// A line cut short by a crash while it was written belongs to a read that never returned; it is skipped with a warning.
/// </para>
/// <para>
/// One process owns a journal folder (a lock file says so): two servers on one data folder would move each other's files.
/// </para>
/// </remarks>
public sealed partial class AuditJournal(DatabaseSettings settings, IServiceScopeFactory scopes, ILogger<AuditJournal> logger) : IReadJournal, IDisposable
{
    private const string FilePrefix = "reads-";
    private const string FileSuffix = ".ndjson";

    private readonly Lock appending = new();
    private readonly SemaphoreSlim moving = new(1, 1);

    // Guarded by appending.
    private FileStream? ownerLock;
    private SafeFileHandle? current;
    private long currentLength;

    // The number of the newest file this process opened: the current one while current is open.
    private long lastNumber = -1;

    public string Folder { get; } = settings.AuditJournalDirectory;

    /// <summary>Appends <paramref name="entry"/>, at once on the caller's thread; it never waits.</summary>
    public ValueTask AppendAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        Append(entry);
        return ValueTask.CompletedTask;
    }

    /// <summary>Appends <paramref name="entry"/>; when this returns, the entry is in the journal. Throws if it could not be written.</summary>
    public void Append(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var line = JsonSerializer.SerializeToUtf8Bytes(JournalLine.From(entry), JournalJson.Default.JournalLine);
        var bytes = new byte[line.Length + 1];
        line.CopyTo(bytes, 0);
        bytes[^1] = (byte)'\n';
        lock (appending)
        {
            if (current is null)
            {
                OpenOwned();
                // Numbered after every file there, also one put there since (a journal copied back from elsewhere).
                Directory.CreateDirectory(Folder);
                lastNumber = Math.Max(lastNumber, LastNumberInFolder()) + 1;
                current = File.OpenHandle(PathOf(lastNumber), FileMode.CreateNew, FileAccess.Write);
                currentLength = 0;
            }

            RandomAccess.Write(current, bytes, currentLength);
            currentLength += bytes.Length;
        }
    }

    /// <summary>
    /// Moves every entry appended before the call into <c>AuditEntries</c>, oldest file first; returns how many.
    /// A file the database refuses stays and is tried again at the next move; the exception says why.
    /// </summary>
    public async Task<int> MoveAsync(CancellationToken cancellationToken)
    {
        await moving.WaitAsync(cancellationToken);
        try
        {
            List<(long Number, string Path)> closed;
            lock (appending)
            {
                if (ownerLock is null && !JournalFiles().Any())
                {
                    // Never written here (PostgreSQL writes reads to the database): no folder or lock to take.
                    return 0;
                }

                OpenOwned();
                if (current is not null && currentLength > 0)
                {
                    // New entries go to a new file, so this one can be moved without holding up reads.
                    current.Dispose();
                    current = null;
                }

                closed = JournalFiles().Where(f => current is null || f.Number != lastNumber).OrderBy(f => f.Number).ToList();
            }

            var moved = 0;
            foreach (var (_, path) in closed)
            {
                moved += await MoveFileAsync(path, cancellationToken);
            }

            return moved;
        }
        finally
        {
            moving.Release();
        }
    }

    public void Dispose()
    {
        lock (appending)
        {
            current?.Dispose();
            current = null;
            ownerLock?.Dispose();
            ownerLock = null;
        }

        moving.Dispose();
    }

    private async Task<int> MoveFileAsync(string path, CancellationToken cancellationToken)
    {
        var entries = new List<AuditEntry>();
        var lineNumber = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken))
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            try
            {
                entries.Add(JsonSerializer.Deserialize(line, JournalJson.Default.JournalLine)?.ToEntry()
                    ?? throw new JsonException("The line is null."));
            }
            catch (JsonException exception)
            {
                LogUnreadableLine(exception, path, lineNumber);
            }
        }

        if (entries.Count > 0)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TouchpointDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await using (var writer = BulkWriter.Create(db))
            {
                await writer.WriteAuditEntriesAsync(entries, cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }

        File.Delete(path);
        return entries.Count;
    }

    private void OpenOwned()
    {
        if (ownerLock is not null)
        {
            return;
        }

        Directory.CreateDirectory(Folder);
        try
        {
            // On Linux and macOS .NET holds FileShare.None with an advisory lock, which another process cannot take.
            // Beside the folder, not in it, so the lock outlives the folder being emptied or removed by hand.
            ownerLock = new FileStream(Folder + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException exception)
        {
            throw new IOException($"Another Touchpoint process is using the audit journal in {Folder}; give each server a data folder of its own.", exception);
        }

    }

    private long LastNumberInFolder() => JournalFiles().Select(f => f.Number).DefaultIfEmpty(-1).Max();

    private IEnumerable<(long Number, string Path)> JournalFiles()
    {
        if (!Directory.Exists(Folder))
        {
            // Not written to yet (or removed by hand): nothing to move; the next entry creates it again.
            yield break;
        }

        foreach (var path in Directory.EnumerateFiles(Folder, FilePrefix + "*" + FileSuffix))
        {
            var name = Path.GetFileName(path);
            if (long.TryParse(name.AsSpan(FilePrefix.Length, name.Length - FilePrefix.Length - FileSuffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                yield return (number, path);
            }
        }
    }

    private string PathOf(long number) => Path.Combine(Folder, string.Create(CultureInfo.InvariantCulture, $"{FilePrefix}{number:D12}{FileSuffix}"));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped line {LineNumber} of audit journal file {Path}: it is not a whole entry (cut short by a crash while it was written?).")]
    private partial void LogUnreadableLine(Exception exception, string path, int lineNumber);
}

/// <summary>One journal line: the entry without its id, which the database gives it when it is moved.</summary>
internal sealed record JournalLine(
    DateTime At, string? UserId, string UserName, string? IpAddress, string Channel, AuditAction Action, string EntityType, string? EntityId, string? Details,
    Guid? CustomerId = null, string? Subjects = null)
{
    public static JournalLine From(AuditEntry entry) =>
        new(entry.At, entry.UserId, entry.UserName, entry.IpAddress, entry.Channel, entry.Action, entry.EntityType, entry.EntityId, entry.Details, entry.CustomerId, entry.Subjects);

    public AuditEntry ToEntry() =>
        AuditEntry.Create(new Actor(UserId, UserName, IpAddress, Channel), DateTime.SpecifyKind(At, DateTimeKind.Utc), Action, EntityType, EntityId, Details,
            customerId: CustomerId, subjects: Subjects);
}

[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(JournalLine))]
internal sealed partial class JournalJson : JsonSerializerContext;

/// <summary>Moves the audit journal into the database every few seconds, and once more when Touchpoint stops.</summary>
public sealed partial class AuditJournalMover(AuditJournal journal, TimeProvider clock, ILogger<AuditJournalMover> logger) : BackgroundService
{
    // Each move is one commit, and on SQLite every commit empties the other connections' page caches: at 1 s the
    // full-size 360 benchmark did about 1,800 requests/s, at 5 s about 2,100. Longer would hold the write lock longer
    // per move (at 2,000 reads/s a move is 10,000 rows). Nobody waits for a move: the log moves what is left when it
    // is looked at, and the journal is as durable as the database.
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await MoveAsync(stoppingToken);
                await Task.Delay(Interval, clock, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: one last move below, so a clean stop leaves nothing behind.
        }

        await MoveAsync(CancellationToken.None);
    }

    private async Task MoveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await journal.MoveAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The journal keeps what could not be moved; the next move tries again.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            LogMoveFailed(exception, journal.Folder);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not move the audit journal in {Folder} into the database; its entries are kept and moved later.")]
    private partial void LogMoveFailed(Exception exception, string folder);
}
