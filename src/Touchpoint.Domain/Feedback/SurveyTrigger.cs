namespace Touchpoint.Domain.Feedback;

/// <summary>What a survey asks about: the event after which it is sent.</summary>
public enum SurveyTrigger
{
    /// <summary>A contact with the customer (a call, a chat, a visit), by own staff or a partner agency.</summary>
    Interaction,

    /// <summary>A case resolved.</summary>
    CaseResolved,

    /// <summary>A subscription ended: the customer is asked why, and how leaving went (S1-6).</summary>
    Termination,

    /// <summary>A broken promise made good: asked whether it was.</summary>
    PromiseMadeGood,
}

public static class SurveyTriggers
{
    private static readonly WireNameTable<SurveyTrigger> Table = new(
        "survey trigger",
        (SurveyTrigger.Interaction, "interaction"),
        (SurveyTrigger.CaseResolved, "caseResolved"),
        (SurveyTrigger.Termination, "termination"),
        (SurveyTrigger.PromiseMadeGood, "promiseMadeGood"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this SurveyTrigger trigger) => Table.NameOf(trigger);

    public static bool TryParse(string? text, out SurveyTrigger value, out string error) => Table.TryParse(text, out value, out error);
}
