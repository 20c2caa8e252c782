using Microsoft.AspNetCore.Components;

namespace Touchpoint.Components;

/// <summary>
/// A component with its own DI scope (and so its own DbContext) whose buttons and filters may start work while other
/// work is awaited: <see cref="OneAtATimeAsync"/> runs them in turn, because one DbContext must not run two queries at
/// once, and <see cref="Busy"/> lets the markup disable its submit buttons meanwhile.
/// </summary>
public abstract class OneAtATimeComponent : OwningComponentBase
{
    // Not disposed with the component: work may still be finishing when a callback it invoked removed the component,
    // and a SemaphoreSlim whose wait handle is never asked for holds nothing that needs releasing.
    private readonly SemaphoreSlim gate = new(1, 1);

    protected bool Busy { get; private set; }

    protected async Task OneAtATimeAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await gate.WaitAsync();
        Busy = true;
        try
        {
            await work();
        }
        finally
        {
            Busy = false;
            gate.Release();
        }
    }
}
