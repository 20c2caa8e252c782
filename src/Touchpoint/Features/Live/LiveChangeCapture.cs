using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Live;

/// <summary>
/// Feeds the <see cref="ChangeFeed"/> from the saves themselves, so no feature has to remember to: the topics a save
/// touches are read from the change tracker before it runs and published once it is committed: at once for a save in
/// its own transaction, at the commit of an explicit one, never for a save or transaction that failed. A page is
/// never told of a change it would not find when it reloads.
/// </summary>
public sealed class LiveChangeCapture(ChangeFeed feed) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private readonly ConditionalWeakTable<DbContext, Pending> pending = [];

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Capture(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Capture(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Saved(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Saved(eventData.Context);
        return result;
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        SaveFailed(eventData.Context);
        return Task.CompletedTask;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => SaveFailed(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    /// <summary>The capture <paramref name="context"/> was configured with, if any.</summary>
    public static LiveChangeCapture? Of(DbContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<LiveChangeCapture>().FirstOrDefault();
    }

    /// <summary>
    /// Rows written around EF's save, in <paramref name="context"/>'s open transaction (<see cref="Data.Bulk.TrackedRowsWriter"/>):
    /// their <paramref name="topics"/> are published when it commits, as a save's are.
    /// </summary>
    public void PublishAtCommit(DbContext context, IEnumerable<string> topics)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(topics);
        pending.GetOrCreateValue(context).Committing.UnionWith(topics);
    }

    private void Capture(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var state = pending.GetOrCreateValue(context);
        state.Saving.Clear();
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if ((entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) && !TimerFieldAttribute.OnlyTimersChanged(entry))
            {
                LiveTopics.Of(entry, state.Saving);
            }
        }
    }

    private void Saved(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var state))
        {
            return;
        }

        state.Committing.UnionWith(state.Saving);
        state.Saving.Clear();
        if (context.Database.CurrentTransaction is null)
        {
            Committed(context);
        }
    }

    private void SaveFailed(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var state))
        {
            state.Saving.Clear();
        }
    }

    private void Committed(DbContext? context)
    {
        if (context is null || !pending.TryGetValue(context, out var state) || state.Committing.Count == 0)
        {
            return;
        }

        string[] topics = [.. state.Committing];
        state.Committing.Clear();
        feed.Publish(topics);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null && pending.TryGetValue(context, out var state))
        {
            state.Saving.Clear();
            state.Committing.Clear();
        }
    }

    /// <summary>One context's topics: of the save under way, and of saves waiting for their transaction to commit.</summary>
    private sealed class Pending
    {
        public HashSet<string> Saving { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Committing { get; } = new(StringComparer.Ordinal);
    }
}
