using Microsoft.AspNetCore.Components;
using Touchpoint.Components;
using Touchpoint.Data;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Cases;

/// <summary>
/// A panel of the case page that takes one kind of step on the case (its need, questions, status, owner or contacts).
/// It runs the step in its own DI scope and, when the step succeeds, has the page read the case again, which hands
/// every panel the case as it now is.
/// </summary>
public abstract class CasePanel : OneAtATimeComponent
{
    [Parameter, EditorRequired]
    public CaseView Case { get; set; } = default!;

    /// <summary>A step succeeded: the page reads the case again.</summary>
    [Parameter]
    public EventCallback OnChanged { get; set; }

    /// <summary>
    /// Why the signed-in user may not take the owner's steps on this case (<see cref="OwnerOnlyCheck"/>), naming its
    /// owner; null when they may. Panels offer those steps only to whoever may take them, and show the others why not.
    /// </summary>
    [Parameter]
    public string? NotYours { get; set; }

    /// <summary>A case in a final status allows no more steps; a new problem is a new case.</summary>
    protected bool Final => Case.AllowedStatuses.Count == 0;

    /// <summary>The signed-in user may take the owner's steps: move the status, answer questions, set the need.</summary>
    protected bool MayDecide => NotYours is null;

    protected TouchpointDbContext Db => ScopedServices.GetRequiredService<TouchpointDbContext>();

    /// <summary>Runs a step; on success the page reloads the case, on failure the step's message is returned as it is.</summary>
    protected async Task<string?> RunAsync<T>(Func<CaseCommands, Task<Outcome<T>>> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        // The page lives long and others change the case meanwhile (colleagues, the SLA watcher): each step starts
        // from what is stored now, not from what this panel's context tracked during an earlier step.
        Db.ChangeTracker.Clear();
        var outcome = await step(ScopedServices.GetRequiredService<CaseCommands>());
        if (outcome.Failure is { } failure)
        {
            return failure.Message;
        }

        await OnChanged.InvokeAsync();
        return null;
    }

    [Inject]
    private StaffClock StaffClock { get; set; } = default!;

    /// <summary>An instant on the signed-in user's clock, for text; markup uses <c>LocalTime</c>, which also tells machines the instant.</summary>
    protected string Time(DateTime at) => StaffClock.Format(at);
}
