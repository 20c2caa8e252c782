namespace Touchpoint.Domain.Platform;

/// <summary>The roles a Touchpoint user can hold. Role checks are enforced on the server.</summary>
public static class Roles
{
    public const string Agent = "Agent";
    public const string TeamLead = "TeamLead";
    public const string Admin = "Admin";

    /// <summary>An agent of an outside sales agency; always tied to that agency (S0-1).</summary>
    public const string PartnerAgent = "PartnerAgent";

    /// <summary>The telephony platform's machine account: it reports calls and agents' states to the queue API, and reads nothing else.</summary>
    public const string Telephony = "Telephony";

    public static IReadOnlyList<string> All { get; } = [Agent, TeamLead, Admin, PartnerAgent, Telephony];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    /// <summary>Staff of the operator itself, as opposed to a partner agency.</summary>
    public const string OwnStaff = $"{Agent},{TeamLead},{Admin}";
}
