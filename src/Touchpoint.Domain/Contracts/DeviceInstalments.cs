namespace Touchpoint.Domain.Contracts;

/// <summary>
/// What becomes of the instalments of a device bought with the contract when the contract ends free of cost (EU-105-5).
/// Ordered from what protects the customer most: an operator's rules file may choose a lower value than the law's, never a higher one.
/// </summary>
public enum DeviceInstalments
{
    /// <summary>The operator forgoes what remains.</summary>
    Waived = 0,

    /// <summary>What remains is paid month by month as agreed, as if the contract ran on.</summary>
    OnSchedule = 1,

    /// <summary>What remains falls due when the contract ends: the most the law allows (at most the device's pro-rata value).</summary>
    DueAtOnce = 2,
}

public static class DeviceInstalmentChoices
{
    private static readonly WireNameTable<DeviceInstalments> Table = new(
        "device instalments choice",
        (DeviceInstalments.Waived, "waived"),
        (DeviceInstalments.OnSchedule, "onSchedule"),
        (DeviceInstalments.DueAtOnce, "dueAtOnce"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this DeviceInstalments choice) => Table.NameOf(choice);

    public static bool TryParse(string? text, out DeviceInstalments value, out string error) => Table.TryParse(text, out value, out error);

    /// <summary>The sentence a customer reads: "Instalments of a device bought with it …".</summary>
    public static string Describe(this DeviceInstalments choice) => choice switch
    {
        DeviceInstalments.Waived => "instalments still owed for a device bought with it are waived",
        DeviceInstalments.OnSchedule => "instalments still owed for a device bought with it run on, month by month as agreed",
        DeviceInstalments.DueAtOnce => "instalments still owed for a device you keep fall due when it ends, at most the device's remaining value",
        _ => throw new ArgumentOutOfRangeException(nameof(choice), choice, "Unknown device instalments choice."),
    };
}
