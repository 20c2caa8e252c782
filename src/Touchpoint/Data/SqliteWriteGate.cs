using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Touchpoint.Data;

/// <summary>
/// Lets the transactions of this process into a SQLite database one at a time, in turn, instead of leaving them to
/// SQLite's busy handler. Every transaction takes SQLite's one write lock at its start (Microsoft.Data.Sqlite begins
/// them <c>IMMEDIATE</c>), so writers already run one after the other; but a writer that finds the lock taken sleeps
/// in SQLite for 1, 2, 5 … up to 100 ms between tries, and under a few concurrent writers most of a request's time
/// went to those sleeps while the lock stood free. Here the next writer starts the moment the last one ends.
/// </summary>
/// <remarks>
/// The turn is given back when the transaction commits, rolls back or fails. A transaction disposed without either
/// (a context returned to its pool mid-transaction) says nothing to interceptors: a writer waiting for its turn
/// looks every <see cref="LookAgain"/> whether the holder's transaction has ended, and takes the turn back if so.
/// Other processes (the command-line import) still meet this one in SQLite's busy handler, as before.
/// </remarks>
internal sealed class SqliteWriteGate : IDbTransactionInterceptor
{
    /// <summary>How long a writer waits for its turn before the database counts as busy, as SQLite's busy timeout.</summary>
    public static readonly TimeSpan MostWait = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan LookAgain = TimeSpan.FromMilliseconds(100);

    // One gate per database file: the tests run many apps in one process, each on its own file.
    private static readonly ConcurrentDictionary<string, Gate> Gates = new(StringComparer.Ordinal);
    // A turn by the connection until its transaction has started, then by the transaction.
    private static readonly ConditionalWeakTable<DbConnection, Turn> Starting = [];
    private static readonly ConditionalWeakTable<DbTransaction, Turn> Running = [];

    public InterceptionResult<DbTransaction> TransactionStarting(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        var gate = GateOf(connection);
        var waited = Stopwatch.StartNew();
        while (!gate.Entry.Wait(LookAgain))
        {
            WaitedTooLong(gate, waited);
        }

        Enter(gate, connection);
        return result;
    }

    public async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
        DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        var gate = GateOf(connection);
        var waited = Stopwatch.StartNew();
        while (!await gate.Entry.WaitAsync(LookAgain, cancellationToken))
        {
            WaitedTooLong(gate, waited);
        }

        Enter(gate, connection);
        return result;
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Started(connection, result);
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Started(connection, result);
        return ValueTask.FromResult(result);
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Leave(transaction);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(transaction);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Leave(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(transaction);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Leave(transaction);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Leave(transaction);
        return Task.CompletedTask;
    }

    private static Gate GateOf(DbConnection connection) => Gates.GetOrAdd(connection.DataSource, _ => new Gate());

    private static void Enter(Gate gate, DbConnection connection)
    {
        var turn = new Turn(gate);
        gate.Hold(turn);
        Starting.AddOrUpdate(connection, turn);
    }

    private static void Started(DbConnection connection, DbTransaction transaction)
    {
        if (Starting.TryGetValue(connection, out var turn))
        {
            Starting.Remove(connection);
            turn.Transaction = transaction;
            Running.AddOrUpdate(transaction, turn);
        }
    }

    private static void Leave(DbTransaction? transaction)
    {
        if (transaction is not null && Running.TryGetValue(transaction, out var turn))
        {
            Running.Remove(transaction);
            turn.GiveBack();
        }
    }

    /// <summary>
    /// Takes back a turn whose transaction ended unseen, or whose start failed (it waits for another process at most
    /// <see cref="MostWait"/>); past <see cref="MostWait"/> of its own, the database is busy.
    /// </summary>
    private static void WaitedTooLong(Gate gate, Stopwatch waited)
    {
        if (gate.Holder is { } holder && (holder.Transaction is { Connection: null } || (holder.Transaction is null && holder.Age > MostWait)))
        {
            holder.GiveBack();
        }

        if (waited.Elapsed > MostWait)
        {
            throw new SqliteException($"database is locked: another write of this process held it for over {MostWait.TotalSeconds:0} s.", 5);
        }
    }

    private sealed class Gate
    {
        private Turn? holder;

        public SemaphoreSlim Entry { get; } = new(1, 1);

        public Turn? Holder => Volatile.Read(ref holder);

        public void Hold(Turn turn) => Volatile.Write(ref holder, turn);

        public void Free(Turn turn) => Interlocked.CompareExchange(ref holder, null, turn);
    }

    private sealed class Turn(Gate gate)
    {
        private readonly long enteredAt = Stopwatch.GetTimestamp();
        private int givenBack;

        public volatile DbTransaction? Transaction;

        public TimeSpan Age => Stopwatch.GetElapsedTime(enteredAt);

        /// <summary>Once only, whoever comes first: the transaction's end, or a waiter that saw it had ended.</summary>
        public void GiveBack()
        {
            if (Interlocked.Exchange(ref givenBack, 1) == 0)
            {
                gate.Free(this);
                gate.Entry.Release();
            }
        }
    }
}
