namespace Touchpoint.Features.Telephony;

/// <summary>
/// What a lead watches of one queue (issue 21's live board): who waits now, the callbacks owed, what the members are
/// doing, and today, hour by hour on the viewer's clock, what came in, what became of it and how well the waits told
/// to callers held.
/// </summary>
/// <param name="At">When the board was read (UTC).</param>
/// <param name="TimeZone">The viewer's zone: "today" and the hours are on its clock.</param>
/// <param name="TodayStartedAt">Midnight of today on the viewer's clock, in UTC.</param>
/// <param name="LongestWaitSeconds">Now minus the entry of the caller waiting longest; null when nobody waits.</param>
/// <param name="CallbacksPending">Callbacks in line (state callback), due or waiting for a time the caller chose or a retry delay.</param>
/// <param name="CallbacksDue">Callbacks that may be made now (in line with no later time set) plus those being dialled.</param>
/// <param name="CallbacksDialing">Callbacks handed to an agent, being dialled.</param>
/// <param name="Accuracy">Today's estimates that can be compared with the wait the caller then had.</param>
/// <param name="Hours">Today from midnight to the hour now, on the viewer's clock (23 or 25 hours on a clock change day).</param>
public sealed record QueueBoardView(
    string QueueId, string QueueName, DateTime At, string TimeZone, DateTime TodayStartedAt,
    int CallsWaiting, double? LongestWaitSeconds, DateTime? WaitingSince,
    int CallbacksPending, int CallbacksDue, int CallbacksDialing,
    AgentCountsView AgentCounts, IReadOnlyList<BoardAgentView> Agents,
    EstimateAccuracyView Accuracy, IReadOnlyList<BoardHourView> Hours);

/// <summary>The queue's members by what they are doing; an agent with a queue call (or a callback being dialled) is on a call.</summary>
/// <param name="NotReported">Members the switch has reported no state of yet.</param>
public sealed record AgentCountsView(int Available, int OnCall, int WrapUp, int Busy, int Away, int NotReported);

/// <param name="State">available, onCall, wrapUp, busy, away, or notReported.</param>
/// <param name="Since">When the switch reported the agent's state; null when it never did.</param>
public sealed record BoardAgentView(string UserId, string Name, string State, DateTime? Since);

/// <summary>How the wait estimates held (<see cref="Domain.ContactCentre.EstimateAccuracy"/>), in seconds.</summary>
/// <param name="MeanAbsoluteErrorSeconds">Null when nothing was compared.</param>
/// <param name="WithinAMinute">The share (0–1) within ±1 minute; null when nothing was compared.</param>
/// <param name="MeanBiasSeconds">Actual minus estimated on average: above zero, callers waited longer than they were told.</param>
public sealed record EstimateAccuracyView(int Estimates, double? MeanAbsoluteErrorSeconds, double? WithinAMinute, double? MeanBiasSeconds);

/// <summary>One hour of today on the viewer's clock; each figure counts what happened in that hour.</summary>
/// <param name="Label">"09:00": the hour's start on the viewer's clock.</param>
/// <param name="Entered">Calls that entered the queue (not those that came while it was closed).</param>
/// <param name="Answered">Callers on the line who reached an agent (callbacks are counted apart).</param>
/// <param name="Abandoned">Callers who hung up while waiting.</param>
/// <param name="Callbacks">Callers who took a callback.</param>
/// <param name="MeanWaitSeconds">Mean of connected minus entered over <paramref name="Answered"/>; null when none.</param>
/// <param name="Accuracy">Estimates given in the hour, beside the wait that followed.</param>
public sealed record BoardHourView(
    DateTime From, string Label, int Entered, int Answered, int Abandoned, int Callbacks, double? MeanWaitSeconds, EstimateAccuracyView Accuracy);
