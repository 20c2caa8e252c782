using Microsoft.EntityFrameworkCore;

namespace Touchpoint.Data;

/// <summary>
/// Row locks for work that two Touchpoint nodes must never both do: the one place that claims due rows for the
/// watchers and locks rows a command is about to change. Each query is written once, in LINQ, for both providers.
/// On PostgreSQL <see cref="RowLockClauses"/> adds the locking clause EF Core cannot express. SQLite has no row
/// locks, but Microsoft.Data.Sqlite begins transactions <c>IMMEDIATE</c>: the transaction holds the one write lock
/// from its start, so writers run one after the other. Either way rows are held only inside a transaction.
/// </summary>
public static class RowLocks
{
    /// <summary>Tags a query for <c>FOR UPDATE SKIP LOCKED</c>.</summary>
    internal const string ClaimTag = "Touchpoint row lock: FOR UPDATE SKIP LOCKED";

    /// <summary>Tags a query for <c>FOR UPDATE</c>.</summary>
    internal const string LockTag = "Touchpoint row lock: FOR UPDATE";

    /// <summary>
    /// Claims the first <paramref name="limit"/> rows of <paramref name="inOrder"/> for the current transaction. Rows
    /// another node holds are passed over, not waited for, so nodes share the work instead of queueing for it.
    /// </summary>
    /// <param name="inOrder">One table's rows, filtered and ordered; no joins (their rows would be locked too).</param>
    public static Task<List<T>> ClaimAsync<T>(this TouchpointDbContext db, IQueryable<T> inOrder, int limit, CancellationToken cancellationToken)
    {
        RequireTransaction(db);
        return inOrder.Take(limit).TagWith(ClaimTag).ToListAsync(cancellationToken);
    }

    /// <summary>Reads <paramref name="rows"/> and holds them until the current transaction ends, waiting for any other holder.</summary>
    /// <param name="rows">One table's rows; no joins (their rows would be locked too).</param>
    public static Task<List<T>> LockAsync<T>(this TouchpointDbContext db, IQueryable<T> rows, CancellationToken cancellationToken)
    {
        RequireTransaction(db);
        return rows.TagWith(LockTag).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// The usual run of due work: when anything is due, claims up to <paramref name="limit"/> rows of
    /// <paramref name="dueInOrder"/> in a transaction, lets <paramref name="handle"/> change them (and add whatever
    /// follows), saves and commits. Returns how many rows were claimed.
    /// </summary>
    /// <param name="saveInBulk">
    /// Saves with <see cref="TouchpointDbContext.SaveChangesWritingAddedInBulkAsync"/>: for work that changes hundreds of
    /// rows at a time, whose audit entries are then written with prepared inserts.
    /// </param>
    public static async Task<int> HandleDueAsync<T>(
        this TouchpointDbContext db, IQueryable<T> dueInOrder, int limit, Func<IReadOnlyList<T>, Task> handle, CancellationToken cancellationToken,
        bool saveInBulk = false)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(handle);

        // Most ticks find nothing due; a look at the index is cheaper than a transaction (on SQLite, the write lock).
        if (!await dueInOrder.AnyAsync(cancellationToken))
        {
            return 0;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var claimed = await db.ClaimAsync(dueInOrder, limit, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        await handle(claimed);
        await (saveInBulk ? db.SaveChangesWritingAddedInBulkAsync(cancellationToken) : db.SaveChangesAsync(cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return claimed.Count;
    }

    private static void RequireTransaction(TouchpointDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            // Outside a transaction PostgreSQL would let go of the rows as soon as they were read.
            throw new InvalidOperationException("Rows are locked for a transaction; begin one first.");
        }
    }
}
