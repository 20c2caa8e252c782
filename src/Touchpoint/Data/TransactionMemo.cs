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
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(read);
        var transaction = db.Database.CurrentTransaction;
        if (!ReferenceEquals(transaction, readIn))
        {
            values.Clear();
            readIn = transaction;
        }

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
}
