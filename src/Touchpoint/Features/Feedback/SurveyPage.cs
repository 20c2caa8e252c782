using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Feedback;
using Touchpoint.Features.Languages;

namespace Touchpoint.Features.Feedback;

/// <summary>
/// The page behind a survey link, in the look of the other public pages: mobile first (large targets on a 390 px
/// screen), one fieldset per question so a screen reader reads the question with its choices, in the customer's
/// language. A plain page rather than a Blazor one: it must work on any phone, in one request, without a circuit.
/// </summary>
internal static class SurveyPage
{
    /// <summary>The form, or what became of the survey: answered (with the answers), closed, or a link that is not valid.</summary>
    internal static ContentHttpResult Show(Survey? survey, string token, CustomerVoice voice, DateTime now, string? error = null, SurveyAnswerInput? given = null)
    {
        ArgumentNullException.ThrowIfNull(voice);
        if (survey is null || survey.State is SurveyState.Scheduled or SurveyState.Suppressed)
        {
            return Page(StatusCodes.Status404NotFound, $"<p data-testid=\"survey-invalid\">{Encode(voice["Survey.NotValid"])}</p>", voice);
        }

        if (survey.State == SurveyState.Answered)
        {
            return Answered(survey, voice, justNow: false, callbackBy: null);
        }

        if (survey.ExpiresAt is { } expires && now > expires)
        {
            return Page(StatusCodes.Status410Gone, $"<p data-testid=\"survey-expired\">{Encode(voice.Text("Survey.Expired", voice.Day(expires)))}</p>", voice);
        }

        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"<p>{Encode(voice.Text("Survey.Intro", SurveyTexts.About(voice, survey)))}</p>");
        if (error is not null)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"tp-survey-error\" role=\"alert\" data-testid=\"survey-error\">{Encode(error)}</p>");
        }

        var action = HtmlEncoder.Default.Encode($"/survey/{Uri.EscapeDataString(token)}");
        body.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{action}\" data-testid=\"survey-form\">");
        var scale = SurveyKinds.ScaleOf(survey.Kind);
        var (lowest, highest) = SurveyTexts.Ends(voice, survey.Kind);
        for (var question = 0; question < survey.Questions; question++)
        {
            var chosen = given?.Scores is { } scores && question < scores.Count ? scores[question] : null;
            body.Append(CultureInfo.InvariantCulture, $"<fieldset data-testid=\"survey-question-{question}\"><legend>{Encode(SurveyTexts.Question(voice, survey.Kind, question))}</legend><div class=\"tp-survey-scale\">");
            for (var score = scale.Lowest; score <= scale.Highest; score++)
            {
                var label = score == scale.Lowest ? $"{score}, {lowest}" : score == scale.Highest ? $"{score}, {highest}" : score.ToString(CultureInfo.InvariantCulture);
                body.Append(CultureInfo.InvariantCulture,
                    $"<label><input type=\"radio\" name=\"q{question}\" value=\"{score}\" aria-label=\"{Encode(label)}\"{(chosen == score ? " checked" : "")} /><span aria-hidden=\"true\">{score}</span></label>");
            }

            body.Append(CultureInfo.InvariantCulture, $"</div><div class=\"tp-survey-ends\" aria-hidden=\"true\"><span>{Encode(lowest)}</span><span>{Encode(highest)}</span></div></fieldset>");
        }

        body.Append(CultureInfo.InvariantCulture, $"<label for=\"survey-comment\">{Encode(voice["Survey.Comment"])}</label>");
        body.Append(CultureInfo.InvariantCulture, $"<textarea id=\"survey-comment\" name=\"comment\" maxlength=\"{Survey.MaxCommentLength}\" data-testid=\"survey-comment\">{Encode(given?.Comment ?? "")}</textarea>");
        body.Append(CultureInfo.InvariantCulture, $"<button type=\"submit\" class=\"tp-leave-button\" data-testid=\"survey-send\">{Encode(voice["Survey.Send"])}</button></form>");
        return Page(error is null ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest, body.ToString(), voice);
    }

    /// <summary>Thanks, with the answers given; for a low answer, when someone will call.</summary>
    internal static ContentHttpResult Answered(Survey survey, CustomerVoice voice, bool justNow, DateTime? callbackBy)
    {
        ArgumentNullException.ThrowIfNull(survey);
        ArgumentNullException.ThrowIfNull(voice);
        var answers = new StringBuilder("<dl>");
        var scores = survey.ScoreList;
        for (var question = 0; question < scores.Count; question++)
        {
            answers.Append(CultureInfo.InvariantCulture, $"<dt>{Encode(SurveyTexts.Question(voice, survey.Kind, question))}</dt><dd>{scores[question]}</dd>");
        }

        if (survey.Comment is { } comment)
        {
            answers.Append(CultureInfo.InvariantCulture, $"<dt>{Encode(voice["Survey.Comment"])}</dt><dd>{Encode(comment)}</dd>");
        }

        answers.Append("</dl>");
        var thanks = (justNow, callbackBy) switch
        {
            (true, { } by) => voice.Text("Survey.ThanksLow", voice.Time(by)),
            (true, null) => voice["Survey.Thanks"],
            _ => voice.Text("Survey.Answered", voice.Time(survey.AnsweredAt ?? DateTime.UnixEpoch)),
        };
        return Page(StatusCodes.Status200OK,
            $"<div class=\"tp-leave-done\" data-testid=\"survey-done\"><p>{Encode(thanks)}</p><h2>{Encode(voice["Survey.YourAnswers"])}</h2>{answers}</div>", voice);
    }

    /// <summary>The language the page speaks: the one the visitor chose with the switcher, else the customer's.</summary>
    internal static async Task<CustomerVoice> VoiceAsync(Survey? survey, HttpContext context, CustomerVoices voices, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        if (survey is null)
        {
            return voices.ForVisitor(context);
        }

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == survey.CustomerId)
            .Select(c => new { c.PreferredLanguage, c.Jurisdiction }).FirstOrDefaultAsync(cancellationToken);
        return voices.ForRecognised(context, customer?.PreferredLanguage, customer?.Jurisdiction);
    }

    internal static ContentHttpResult Message(int status, string testId, string text, CustomerVoice voice) =>
        Page(status, $"<p data-testid=\"{testId}\">{Encode(text)}</p>", voice);

    private static string Encode(string text) => PublicPage.Encode(text);

    private static ContentHttpResult Page(int status, string body, CustomerVoice voice) => PublicPage.Render(status, voice["Survey.Title"], body, voice, "tp-survey");
}
