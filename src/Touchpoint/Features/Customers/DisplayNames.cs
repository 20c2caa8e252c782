using MudBlazor;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Messages;

namespace Touchpoint.Features.Customers;

/// <summary>
/// The words and icons the pages show for wire names. Wire names stay the API's; agents read these.
/// An unknown name (a kind a later feature adds) is shown as it is rather than hidden.
/// </summary>
public static class DisplayNames
{
    public static string IdentityKind(string? kind) => kind switch
    {
        "msisdn" => "phone number",
        "email" => "e-mail",
        "nationalId" => "national id",
        "legacyId" => "legacy id",
        _ => kind ?? "identity",
    };

    public static string Channel(string? channel) =>
        InteractionChannels.TryParse(channel, out var known, out _) ? known.DisplayName() : channel ?? "";

    public static string ChannelIcon(string? channel) => channel switch
    {
        "phone" => Icons.Material.Filled.Phone,
        "email" => Icons.Material.Filled.Email,
        "chat" => Icons.Material.Filled.Chat,
        "store" => Icons.Material.Filled.Store,
        "web" => Icons.Material.Filled.Language,
        "letter" => Icons.Material.Filled.MarkunreadMailbox,
        "social" => Icons.Material.Filled.Forum,
        "ivr" => Icons.Material.Filled.SettingsPhone,
        "sms" => Icons.Material.Filled.Sms,
        _ => Icons.Material.Filled.Info,
    };

    public static string TimelineKind(string kind) => kind switch
    {
        "interaction" => "Contact",
        "preferenceChange" => "Preference change",
        "merge" => "Merge",
        "identityAdded" => "Identity added",
        "subscriptionChange" => "Subscription change",
        "case" => "Case",
        "promise" => "Promise",
        "order" => "Order",
        "offer" => "Offer",
        "survey" => "Survey",
        "compensation" => "Compensation",
        "qualification" => "Coverage check",
        "message" => "Message",
        "customerChange" => "Customer details",
        _ => kind,
    };

    /// <summary>Icon for timeline entries without a channel.</summary>
    public static string TimelineKindIcon(string kind) => kind switch
    {
        "preferenceChange" => Icons.Material.Filled.Tune,
        "merge" => Icons.Material.Filled.MergeType,
        "identityAdded" => Icons.Material.Filled.Badge,
        "subscriptionChange" => Icons.Material.Filled.SimCard,
        "case" => Icons.Material.Filled.Assignment,
        "promise" => Icons.Material.Filled.Alarm,
        "order" => Icons.Material.Filled.ShoppingCart,
        "offer" => Icons.Material.Filled.LocalOffer,
        "survey" => Icons.Material.Filled.Poll,
        "compensation" => Icons.Material.Filled.Redeem,
        "qualification" => Icons.Material.Filled.CellTower,
        "message" => Icons.Material.Filled.Outbox,
        "customerChange" => Icons.Material.Filled.ManageAccounts,
        _ => Icons.Material.Filled.Event,
    };

    public static string Direction(string? direction) => direction switch
    {
        "inbound" => "Inbound",
        "outbound" => "Outbound",
        _ => direction ?? "",
    };

    public static string CaseType(string type) => type switch
    {
        "complaint" => "Complaint",
        "request" => "Request",
        "incident" => "Fault",
        _ => type,
    };

    public static string CasePriority(string priority) => priority switch
    {
        "critical" => "Critical",
        "high" => "High",
        "medium" => "Medium",
        "low" => "Low",
        _ => priority,
    };

    public static string CaseStatus(string status) => status switch
    {
        "acknowledged" => "Acknowledged",
        "inProgress" => "In progress",
        "pending" => "Pending",
        "held" => "Held",
        "resolved" => "Resolved",
        "closed" => "Closed",
        "cancelled" => "Cancelled",
        "rejected" => "Rejected",
        _ => status,
    };

    /// <summary>What the button that moves a case to <paramref name="status"/> says.</summary>
    public static string CaseStatusAction(string status) => status switch
    {
        "inProgress" => "Start work",
        "pending" => "Wait on customer",
        "held" => "Hold",
        "resolved" => "Resolve",
        "closed" => "Close",
        "cancelled" => "Cancel case",
        "rejected" => "Reject",
        _ => status,
    };

    public static string SlaTarget(string target) => target switch
    {
        "firstResponse" => "First response",
        "nextUpdate" => "Next update",
        "resolution" => "Resolution",
        _ => target,
    };

    public static string SlaState(string state) => state switch
    {
        "ok" => "On track",
        "warning" => "Warning",
        "breached" => "Breached",
        "met" => "Met",
        _ => state,
    };

    public static Color SlaStateColor(string state) => state switch
    {
        "warning" => Color.Warning,
        "breached" => Color.Error,
        "met" => Color.Success,
        _ => Color.Default,
    };

    public static string PromiseKind(string kind) => kind switch
    {
        "callback" => "Callback",
        "writtenReply" => "Written reply",
        "technicianVisit" => "Technician visit",
        "refund" => "Refund",
        "resolutionByDate" => "Resolution by a date",
        _ => kind,
    };

    public static string Language(string code) => code switch
    {
        "sv" => "Swedish",
        "da" => "Danish",
        "nl" => "Dutch",
        "nb" => "Norwegian (Bokmål)",
        "fi" => "Finnish",
        "de" => "German",
        "en" => "English",
        _ => code,
    };

    public static string SubscriptionStatus(string status) => status switch
    {
        "created" => "Ordered",
        "pendingActive" => "Being connected",
        "active" => "Active",
        "pendingTerminate" => "Ending",
        "terminated" => "Ended",
        "suspended" => "Suspended",
        _ => status,
    };

    /// <summary>Where an order, or one of its items, is: the states of TMF622 in an agent's words.</summary>
    public static string OrderState(string state) => state switch
    {
        "acknowledged" => "Received",
        "rejected" => "Refused",
        "pending" => "Waiting",
        "held" => "On hold",
        "inProgress" => "In progress",
        "cancelled" => "Cancelled",
        "completed" => "Completed",
        "failed" => "Failed",
        "partial" => "Partly done",
        "assessingCancellation" => "Cancellation requested",
        "pendingCancellation" => "Being cancelled",
        _ => state,
    };

    /// <summary>Where an outgoing message is, as the outbox shows it.</summary>
    public static string MessageState(MessageState state) => state switch
    {
        Touchpoint.Domain.Messages.MessageState.Initial => "Waiting to send",
        Touchpoint.Domain.Messages.MessageState.InProgress => "Sending",
        Touchpoint.Domain.Messages.MessageState.Completed => "Sent",
        Touchpoint.Domain.Messages.MessageState.Failed => "Failed",
        _ => state.ToWireName(),
    };
}
