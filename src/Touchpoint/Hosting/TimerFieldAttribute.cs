using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Touchpoint.Hosting;

/// <summary>
/// Marks a column that only says when background work looks at the row next (a retention review): its changes are
/// neither audited nor pushed to open pages, since nobody sees them and a page reloading for them would lose its place.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TimerFieldAttribute : Attribute
{
    public static bool IsOn(IReadOnlyPropertyBase property) =>
        property?.PropertyInfo?.IsDefined(typeof(TimerFieldAttribute), inherit: true) == true;

    /// <summary>A modified row whose changed values are all timers: nothing anyone would call a change.</summary>
    public static bool OnlyTimersChanged(EntityEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.State == EntityState.Modified && entry.Properties.Where(p => p.IsModified).All(p => IsOn(p.Metadata));
    }
}
