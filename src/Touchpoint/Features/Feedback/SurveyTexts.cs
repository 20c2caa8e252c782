using System.Globalization;
using Touchpoint.Domain.Feedback;
using Touchpoint.Features.Languages;

namespace Touchpoint.Features.Feedback;

/// <summary>A survey's words in the customer's language: what it is about, its questions and their scales.</summary>
public static class SurveyTexts
{
    /// <summary>What the survey asks about, to fit "How did we do with …?".</summary>
    public static string About(CustomerVoice voice, Survey survey)
    {
        ArgumentNullException.ThrowIfNull(voice);
        ArgumentNullException.ThrowIfNull(survey);
        return survey.Trigger switch
        {
            SurveyTrigger.Interaction when survey.PartnerAgencyName is { } agency => voice.Text("Survey.About.Agency", voice.Day(survey.AboutAt), agency),
            SurveyTrigger.Interaction => voice.Text("Survey.About.Contact", voice.Day(survey.AboutAt)),
            SurveyTrigger.CaseResolved => voice.Text("Survey.About.Case", survey.AboutReference ?? ""),
            SurveyTrigger.Termination => voice["Survey.About.Leaving"],
            _ => voice["Survey.About.Promise"],
        };
    }

    /// <summary>The question at <paramref name="index"/> (from 0).</summary>
    public static string Question(CustomerVoice voice, SurveyKind kind, int index)
    {
        ArgumentNullException.ThrowIfNull(voice);
        return voice[string.Create(CultureInfo.InvariantCulture, $"Survey.Question.{Capital(kind)}.{index + 1}")];
    }

    /// <summary>The words at either end of the scale: "Very dissatisfied" … "Very satisfied".</summary>
    public static (string Lowest, string Highest) Ends(CustomerVoice voice, SurveyKind kind)
    {
        ArgumentNullException.ThrowIfNull(voice);
        return (voice[$"Survey.Scale.{Capital(kind)}.Lowest"], voice[$"Survey.Scale.{Capital(kind)}.Highest"]);
    }

    private static string Capital(SurveyKind kind) => kind switch
    {
        SurveyKind.Csat => "Csat",
        SurveyKind.Nps => "Nps",
        _ => "Ces",
    };
}
