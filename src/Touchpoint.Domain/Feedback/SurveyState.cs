namespace Touchpoint.Domain.Feedback;

/// <summary>Where a survey is: waiting to go out, sent, answered, or never sent (and why).</summary>
public enum SurveyState
{
    /// <summary>Due to go out at its time; a deferred one waits here too, for the next look.</summary>
    Scheduled,

    Sent,

    Answered,

    /// <summary>Not sent, for good: a contact rule said no.</summary>
    Suppressed,
}

public static class SurveyStates
{
    private static readonly WireNameTable<SurveyState> Table = new(
        "survey state",
        (SurveyState.Scheduled, "scheduled"),
        (SurveyState.Sent, "sent"),
        (SurveyState.Answered, "answered"),
        (SurveyState.Suppressed, "suppressed"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this SurveyState state) => Table.NameOf(state);

    public static bool TryParse(string? text, out SurveyState value, out string error) => Table.TryParse(text, out value, out error);
}
