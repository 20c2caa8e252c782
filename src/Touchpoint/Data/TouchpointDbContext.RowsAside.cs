using Touchpoint.Data.Bulk;

namespace Touchpoint.Data;

public abstract partial class TouchpointDbContext
{
    private RowsAside? rowsAside;

    /// <summary>
    /// Opens a unit of work that <see cref="SaveChangesWritingAddedInBulkAsync"/> saves: until the returned handle is
    /// disposed, <see cref="AddRow{T}"/> keeps its rows aside, untracked. Disposing forgets the rows not yet written,
    /// as <c>ChangeTracker.Clear()</c> forgets tracked ones, so a unit that failed leaves nothing behind. Inside a unit
    /// already open, the outer one keeps the rows.
    /// </summary>
    public IDisposable AddingRowsAside()
    {
        if (rowsAside is not null)
        {
            return NothingToClose.Instance;
        }

        rowsAside = new RowsAside(Model);
        return new RowsAsideScope(this);
    }

    /// <summary>
    /// Adds a row that nothing in this unit of work reads back or changes afterwards (a contact, its timeline entry, a
    /// notification). Inside <see cref="AddingRowsAside"/> it is kept as a plain object and written by
    /// <see cref="SaveChangesWritingAddedInBulkAsync"/> with the text checks, audit entry and live topics a save would
    /// give it, without the change tracker's cost for each row; otherwise it is added as <c>Add</c> adds it.
    /// </summary>
    public void AddRow<T>(T row)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(row);
        if (rowsAside is null || !rowsAside.TryAdd(row))
        {
            Add(row);
        }
    }

    /// <summary>The rows added aside and not yet written; taken, they are the caller's to write.</summary>
    private IReadOnlyList<RowAside> TakeRowsAside() => rowsAside?.Take() ?? [];

    /// <summary>A save that does not write in bulk still saves every row added: those aside join the tracked ones.</summary>
    private void TrackRowsAside()
    {
        foreach (var aside in TakeRowsAside())
        {
            Add(aside.Row);
        }
    }

    private sealed class RowsAsideScope(TouchpointDbContext db) : IDisposable
    {
        public void Dispose() => db.rowsAside = null;
    }

    private sealed class NothingToClose : IDisposable
    {
        public static readonly NothingToClose Instance = new();

        public void Dispose()
        {
        }
    }
}
