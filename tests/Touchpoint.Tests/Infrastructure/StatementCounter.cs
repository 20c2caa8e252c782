using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// Counts the SQL statements EF Core sends to one test app's database while it is counting, from EF Core's diagnostic
/// events. Other apps of the test run share the process, so a statement counts only when it goes to this app's
/// database file (SQLite) or database (PostgreSQL).
/// </summary>
public sealed class StatementCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly string Executing = RelationalEventId.CommandExecuting.Name!;
    private readonly IDisposable allListeners;
    private readonly List<IDisposable> subscriptions = [];
    private readonly string database;
    private readonly bool sqlite;
    private readonly List<string> statements = [];
    private bool counting;

    public StatementCounter(TouchpointApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var builder = new DbConnectionStringBuilder { ConnectionString = app.ConnectionString };
        sqlite = app.Provider == Provider.Sqlite;
        database = (string)builder[sqlite ? "Data Source" : "Database"];
        allListeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    /// <summary>The statements sent while <paramref name="work"/> ran.</summary>
    public async Task<IReadOnlyList<string>> CountAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (statements)
        {
            statements.Clear();
            counting = true;
        }

        try
        {
            await work();
        }
        finally
        {
            lock (statements)
            {
                counting = false;
            }
        }

        lock (statements)
        {
            return [.. statements];
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (subscriptions)
            {
                subscriptions.Add(value.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key != Executing || value.Value is not CommandEventData { Command: { Connection: { } connection } command })
        {
            return;
        }

        var target = sqlite ? connection.DataSource : connection.Database;
        lock (statements)
        {
            if (counting && string.Equals(target, database, StringComparison.Ordinal))
            {
                statements.Add(command.CommandText);
            }
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }

    public void Dispose()
    {
        allListeners.Dispose();
        lock (subscriptions)
        {
            foreach (var subscription in subscriptions)
            {
                subscription.Dispose();
            }
        }
    }
}
