namespace Touchpoint.Domain.Messages;

/// <summary>Where a message to a customer is on its way: the TMF681 CommunicationMessage states.</summary>
public enum MessageState
{
    /// <summary>Written, not handed to any gateway yet. Without a gateway for its channel it stays so: Touchpoint never claims it was sent.</summary>
    Initial,

    /// <summary>Handed to a gateway, or waiting to be handed again after the gateway could not take it.</summary>
    InProgress,

    /// <summary>The gateway took it for delivery (an SMTP server's 250, an SMS gateway's acceptance).</summary>
    Completed,

    /// <summary>Refused for good, or not taken after every retry; the gateway's answer says why.</summary>
    Failed,
}

public static class MessageStates
{
    private static readonly WireNameTable<MessageState> Table = new(
        "message state",
        (MessageState.Initial, "initial"),
        (MessageState.InProgress, "inProgress"),
        (MessageState.Completed, "completed"),
        (MessageState.Failed, "failed"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this MessageState state) => Table.NameOf(state);

    public static bool TryParse(string? text, out MessageState value, out string error) =>
        Table.TryParse(text, out value, out error);

    /// <summary>True once nothing more will happen to the message.</summary>
    public static bool IsFinal(this MessageState state) => state is MessageState.Completed or MessageState.Failed;
}
