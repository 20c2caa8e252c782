using Microsoft.AspNetCore.Components;
using MudBlazor;
using Touchpoint.Data;

namespace Touchpoint.Components;

/// <summary>
/// A component with its own DI scope (and so its own DbContext) whose buttons and filters may start work while other
/// work is awaited: <see cref="OneAtATimeAsync"/> runs them in turn, because one DbContext must not run two queries at
/// once, and <see cref="Busy"/> lets the markup disable its submit buttons meanwhile. Text the last check before the
/// database refuses (<see cref="StoredTextGuard"/>) is reported to the user rather than ending the circuit.
/// </summary>
public abstract class OneAtATimeComponent : OwningComponentBase
{
    // Not disposed with the component: work may still be finishing when a callback it invoked removed the component,
    // and a SemaphoreSlim whose wait handle is never asked for holds nothing that needs releasing.
    private readonly SemaphoreSlim gate = new(1, 1);

    protected bool Busy { get; private set; }

    [Inject]
    private ISnackbar RefusalNotices { get; set; } = default!;

    protected async Task OneAtATimeAsync(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        await gate.WaitAsync();
        Busy = true;
        try
        {
            await work();
        }
        catch (StoredTextRefusedException refused)
        {
            // Text no check of the form caught (a control character pasted in) was refused before the database: nothing
            // was saved, and the refused rows must not be tried again with the next change this component saves.
            ScopedServices.GetRequiredService<TouchpointDbContext>().ChangeTracker.Clear();
            RefusalNotices.Add($"Not saved: {refused.Problem}", Severity.Error);
        }
        finally
        {
            Busy = false;
            gate.Release();
        }
    }
}
