namespace Touchpoint.Domain.Feedback;

/// <summary>What a survey measures, each on its own scale.</summary>
public enum SurveyKind
{
    /// <summary>Customer satisfaction, 1 (very dissatisfied) to 5 (very satisfied).</summary>
    Csat,

    /// <summary>Net Promoter Score: how likely to recommend us, 0 to 10.</summary>
    Nps,

    /// <summary>Customer effort: how hard it was to get what they needed, 1 (very easy) to 7 (very hard).</summary>
    Ces,
}

/// <summary>The lowest and highest answer a question of a kind takes.</summary>
public sealed record SurveyScale(int Lowest, int Highest)
{
    public bool Contains(int score) => score >= Lowest && score <= Highest;
}

/// <summary>How an NPS answer is counted: 0–6 detractor, 7–8 passive, 9–10 promoter.</summary>
public enum NpsGroup
{
    Detractor,
    Passive,
    Promoter,
}

public static class SurveyKinds
{
    private static readonly WireNameTable<SurveyKind> Table = new(
        "survey kind",
        (SurveyKind.Csat, "csat"),
        (SurveyKind.Nps, "nps"),
        (SurveyKind.Ces, "ces"));

    public static IReadOnlyList<string> WireNames => Table.Names;

    public static string ToWireName(this SurveyKind kind) => Table.NameOf(kind);

    public static bool TryParse(string? text, out SurveyKind value, out string error) => Table.TryParse(text, out value, out error);

    public static SurveyScale ScaleOf(SurveyKind kind) => kind switch
    {
        SurveyKind.Csat => new SurveyScale(1, 5),
        SurveyKind.Nps => new SurveyScale(0, 10),
        SurveyKind.Ces => new SurveyScale(1, 7),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a survey kind."),
    };

    /// <summary>
    /// How many questions a survey of the kind may ask: CSAT asks about several parts of the experience; NPS and CES
    /// are one question each by their definition.
    /// </summary>
    public static int MostQuestions(SurveyKind kind) => kind == SurveyKind.Csat ? 5 : 1;

    /// <summary>For CES a high answer is the bad one: the customer had to work hard.</summary>
    public static bool HigherIsBetter(SurveyKind kind) => kind != SurveyKind.Ces;

    public static NpsGroup GroupOf(int npsScore) => npsScore switch
    {
        <= 6 => NpsGroup.Detractor,
        <= 8 => NpsGroup.Passive,
        _ => NpsGroup.Promoter,
    };
}
