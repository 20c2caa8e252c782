namespace Touchpoint.Domain.Feedback;

/// <summary>
/// Which answers are low enough that someone must call the customer back (S4-4, S1-6). The defaults are the common
/// ones: CSAT 1–2, NPS detractors (0–6), CES 5–7. An answered survey is low when any of its answers is.
/// </summary>
public sealed record LowScores
{
    public LowScores(int csatAtMost = 2, int npsAtMost = 6, int cesAtLeast = 5)
    {
        Check(SurveyKind.Csat, csatAtMost, nameof(csatAtMost));
        Check(SurveyKind.Nps, npsAtMost, nameof(npsAtMost));
        Check(SurveyKind.Ces, cesAtLeast, nameof(cesAtLeast));
        CsatAtMost = csatAtMost;
        NpsAtMost = npsAtMost;
        CesAtLeast = cesAtLeast;
    }

    public static LowScores Default { get; } = new();

    public int CsatAtMost { get; }

    public int NpsAtMost { get; }

    public int CesAtLeast { get; }

    public bool IsLow(SurveyKind kind, int score) => kind switch
    {
        SurveyKind.Csat => score <= CsatAtMost,
        SurveyKind.Nps => score <= NpsAtMost,
        SurveyKind.Ces => score >= CesAtLeast,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a survey kind."),
    };

    public bool AnyLow(SurveyKind kind, IEnumerable<int> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        return scores.Any(score => IsLow(kind, score));
    }

    /// <summary>The worst of the answers: the lowest, or for CES the highest.</summary>
    public static int Worst(SurveyKind kind, IReadOnlyCollection<int> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (scores.Count == 0)
        {
            throw new ArgumentException("A survey answer has at least one score.", nameof(scores));
        }

        return SurveyKinds.HigherIsBetter(kind) ? scores.Min() : scores.Max();
    }

    private static void Check(SurveyKind kind, int threshold, string name)
    {
        var scale = SurveyKinds.ScaleOf(kind);
        if (!scale.Contains(threshold))
        {
            throw new ArgumentOutOfRangeException(name, threshold, $"A low {kind.ToWireName()} score lies on its scale, {scale.Lowest} to {scale.Highest}.");
        }
    }
}
