using Microsoft.EntityFrameworkCore.Storage;

namespace Touchpoint.Data;

/// <summary>
/// Values read once per transaction of a context, by key: a unit of work that opens hundreds of cases (a batch of
/// arrived mail) reads the same setting-like rows (the TMF621 hubs, the mail queue) once, not once per case, while
/// every new transaction reads them afresh. Outside a transaction nothing is remembered.
/// </summary>
internal sealed class TransactionMemo<TKey, TValue>
    where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> values = [];
    private IDbContextTransaction? readIn;

    public async Task<TValue> GetAsync(TouchpointDbContext db, TKey key, Func<CancellationToken, Task<TValue>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var transaction = CurrentTransaction(db);

        if (transaction is not null && values.TryGetValue(key, out var remembered))
        {
            return remembered;
        }

        var fresh = await read(cancellationToken);
        if (transaction is not null)
        {
            values[key] = fresh;
        }

        return fresh;
    }

    /// <summary>Remembers <paramref name="value"/>, read by the caller in the current transaction, for the rest of it.</summary>
    public void Remember(TouchpointDbContext db, TKey key, TValue value)
    {
        if (CurrentTransaction(db) is not null)
        {
            values[key] = value;
        }
    }

    /// <summary>The value remembered for <paramref name="key"/> in the current transaction, if any.</summary>
    public bool TryGet(TouchpointDbContext db, TKey key, out TValue? value)
    {
        value = default;
        return CurrentTransaction(db) is not null && values.TryGetValue(key, out value);
    }

    private IDbContextTransaction? CurrentTransaction(TouchpointDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = db.Database.CurrentTransaction;
        if (!ReferenceEquals(transaction, readIn))
        {
            values.Clear();
            readIn = transaction;
        }

        return transaction;
    }
}
