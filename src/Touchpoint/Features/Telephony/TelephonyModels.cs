namespace Touchpoint.Features.Telephony;

/// <summary>A caller entered a queue.</summary>
/// <param name="EventId">The switch's id for this event: a repeat is answered, never applied twice.</param>
/// <param name="CallId">The switch's id for the call; every later event names it.</param>
/// <param name="CallerNumber">As the switch has it; null or "anonymous" when withheld.</param>
/// <param name="Reason">What the caller chose in the IVR.</param>
/// <param name="At">When it happened at the switch; now when left out.</param>
public sealed record EnterCallInput(string? EventId, string? CallId, string? CallerNumber, string? Reason, string? Language, DateTimeOffset? At);

public sealed record CallEventInput(string? EventId, DateTimeOffset? At);

public sealed record ConnectCallInput(string? EventId, string? AgentUserId, DateTimeOffset? At);

/// <param name="CallAt">A time the caller chose; left out, the callback comes when their place's turn comes.</param>
/// <param name="Number">Where to call back when not the number they called from.</param>
public sealed record AcceptCallbackInput(string? EventId, DateTimeOffset? At, DateTimeOffset? CallAt, string? Number);

/// <param name="Outcome">answered, noAnswer, busy or failed.</param>
public sealed record CallbackAttemptInput(string? EventId, string? Outcome, DateTimeOffset? At);

/// <param name="State">available, busy, wrapUp or away.</param>
public sealed record AgentStateInput(string? EventId, string? State, DateTimeOffset? At);

/// <param name="Seconds">Null when nothing could be estimated: then <paramref name="Basis"/> is none and the explanation says why.</param>
/// <param name="Basis">agentFree, queue, erlangC or none: which estimate <paramref name="Seconds"/> is.</param>
/// <param name="ErlangCSeconds">Erlang C's mean wait for the queue's recent load and staffing, given beside whichever estimate was used; null when it cannot be had.</param>
public sealed record EstimateView(double? Seconds, string Basis, string Explanation, double? ErlangCSeconds);

/// <summary>What the switch tells the caller, and what it may offer them.</summary>
/// <param name="Position">1 is next; null when the call is no longer in line (or is a callback waiting for its chosen time).</param>
/// <param name="Open">False when the queue was closed for the caller's country: the call was not queued.</param>
/// <param name="Duplicate">True when the event was received before: nothing was applied again.</param>
public sealed record CallStatus(
    string CallId, string QueueId, string State, Guid? CustomerId, string? CustomerName, DateTime EnteredAt, int? Position,
    EstimateView? Estimate, bool OfferCallback, bool Open, DateTime? OpensAt, Guid? PromiseId, DateTime? CallbackDueAt,
    DateTime? CallbackNotBefore, int CallbackAttempts, string? AgentUserId, bool Duplicate);

/// <summary>A callback handed to an agent: the switch dials <paramref name="Number"/> and bridges it to them.</summary>
public sealed record CallbackDispatch(string CallId, string QueueId, string? Number, Guid? CustomerId, string? CustomerName, string? Reason, DateTime EnteredAt, int Attempt);

public sealed record AgentStatus(string UserId, string State, DateTime Since, string? CallId, CallbackDispatch? Dispatch, bool Duplicate);

/// <summary>A queue's telephony settings as set by its lead.</summary>
public sealed record CallQueueSettingsView(int? CallbackThresholdSeconds, int? CallbackAttempts, int? CallbackRetryMinutes, string? OpeningHours);
