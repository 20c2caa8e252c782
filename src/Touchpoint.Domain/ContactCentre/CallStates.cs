namespace Touchpoint.Domain.ContactCentre;

/// <summary>Where a call to a queue is: on the line, with an agent, done, or a callback keeping the caller's place.</summary>
public enum CallState
{
    /// <summary>On the line, waiting for an agent.</summary>
    Waiting,

    /// <summary>With an agent (a callback that was answered too).</summary>
    Connected,

    Ended,

    /// <summary>The caller hung up while waiting.</summary>
    Abandoned,

    /// <summary>The caller took a callback: it waits in line at the place the call had (S4-3).</summary>
    Callback,

    /// <summary>A callback handed to a free agent: the switch is dialling the customer.</summary>
    CallbackDialing,

    /// <summary>Every attempt went unanswered: the customer was told, and the promise is still owed.</summary>
    CallbackFailed,

    /// <summary>Came outside opening hours: never queued.</summary>
    Closed,
}

/// <summary>What an agent is doing, as the switch reports it.</summary>
public enum AgentState
{
    Available,
    Busy,
    WrapUp,
    Away,
}

/// <summary>How a dialled callback went.</summary>
public enum CallbackOutcome
{
    Answered,
    NoAnswer,
    Busy,
    Failed,
}

public static class CallStates
{
    private static readonly WireNameTable<CallState> Calls = new(
        "call state",
        (CallState.Waiting, "waiting"),
        (CallState.Connected, "connected"),
        (CallState.Ended, "ended"),
        (CallState.Abandoned, "abandoned"),
        (CallState.Callback, "callback"),
        (CallState.CallbackDialing, "callbackDialing"),
        (CallState.CallbackFailed, "callbackFailed"),
        (CallState.Closed, "closed"));

    private static readonly WireNameTable<AgentState> Agents = new(
        "state",
        (AgentState.Available, "available"),
        (AgentState.Busy, "busy"),
        (AgentState.WrapUp, "wrapUp"),
        (AgentState.Away, "away"));

    private static readonly WireNameTable<CallbackOutcome> Outcomes = new(
        "outcome",
        (CallbackOutcome.Answered, "answered"),
        (CallbackOutcome.NoAnswer, "noAnswer"),
        (CallbackOutcome.Busy, "busy"),
        (CallbackOutcome.Failed, "failed"));

    public static IReadOnlyList<string> AgentStateNames => Agents.Names;

    public static IReadOnlyList<string> OutcomeNames => Outcomes.Names;

    public static string ToWireName(this CallState state) => Calls.NameOf(state);

    public static string ToWireName(this AgentState state) => Agents.NameOf(state);

    public static string ToWireName(this CallbackOutcome outcome) => Outcomes.NameOf(outcome);

    public static bool TryParseAgentState(string? text, out AgentState state, out string error) => Agents.TryParse(text, out state, out error);

    public static bool TryParseOutcome(string? text, out CallbackOutcome outcome, out string error) => Outcomes.TryParse(text, out outcome, out error);

    /// <summary>Whether the caller still waits in line for an agent, on the line or for a callback.</summary>
    public static bool IsInLine(this CallState state) => state is CallState.Waiting or CallState.Callback;

    /// <summary>Whether nothing more can happen to the call.</summary>
    public static bool IsFinal(this CallState state) => state is CallState.Ended or CallState.Abandoned or CallState.CallbackFailed or CallState.Closed;
}
