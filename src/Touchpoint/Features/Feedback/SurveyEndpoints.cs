using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Feedback;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Feedback;

/// <summary>
/// The survey's public answer page and its answer (no password: the link's token is the key), and staff's view of
/// every survey: scheduled, held up and why, sent, answered, followed up.
/// </summary>
public static class SurveyEndpoints
{
    public static IEndpointRouteBuilder MapSurveyEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/survey/{token}", ShowPage).AllowAnonymous().ExcludeFromDescription()
            .WithoutReadAudit("the customer's own survey, reached through its secret link");
        app.MapPost("/survey/{token}", Answer).WithTags("Surveys").AllowAnonymous()
            .WithSummary("Answer a survey through its link: a form from the page (answered with the page), or JSON {scores, comment}. Once only; a low answer opens a follow-up with a callback due within one business day.");
        var staff = app.MapGroup("/api/surveys").WithTags("Surveys").RequireAuthorization(Policies.OwnStaff);
        staff.MapGet("", List).WithSummary("Surveys, newest first: of one customer (customerId), in one state (scheduled, sent, answered, suppressed), low answers only (low=true).");
        staff.MapGet("/{id:guid}", Get).WithSummary("One survey, with its answer and follow-up.");
        app.MapGet("/api/feedback", Overview).WithTags("Surveys").RequireAuthorization(Policies.TeamLead)
            .WithSummary("The lead's view over the last days (1 to 365, default 30): answers, low answers, NPS, follow-ups open and overdue, the share called back within the promise, answers by day, channel, agency, team and root cause, and the latest verbatims.");
        return app;
    }

    internal static async Task<ContentHttpResult> ShowPage(
        string token, HttpContext context, SurveyAnswers answers, CustomerVoices voices, TouchpointDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var survey = await answers.FindAsync(token, cancellationToken);
        var voice = await SurveyPage.VoiceAsync(survey, context, voices, db, cancellationToken);
        return SurveyPage.Show(survey, token, voice, clock.GetUtcNow().UtcDateTime);
    }

    internal static async Task<Results<Ok<SurveyAnswerView>, ContentHttpResult, CommandProblem, TooManyRequestsProblem, ValidationProblem>> Answer(
        string token, HttpRequest request, SurveyAnswers answers, SurveyAnswerThrottle throttle, CustomerVoices voices, TouchpointDbContext db, TimeProvider clock,
        CurrentActor actor, CancellationToken cancellationToken)
    {
        var html = request.HasFormContentType;
        var survey = await answers.FindAsync(token, cancellationToken);
        var voice = html ? await SurveyPage.VoiceAsync(survey, request.HttpContext, voices, db, cancellationToken) : null;
        if (!throttle.TryTake(actor.Get().IpAddress))
        {
            return html
                ? SurveyPage.Message(StatusCodes.Status429TooManyRequests, "survey-rate-limited", voice!["Survey.Error.RateLimited"], voice)
                : ProblemResults.TooManyRequests("Too many answers from this address in the last hour. Try again later.", TimeSpan.FromHours(1));
        }

        var read = await ReadAsync(request, cancellationToken);
        if (read.Failure is { } unreadable)
        {
            return unreadable.ToResult();
        }

        var input = read.Value!;
        var outcome = await answers.AnswerAsync(token, input, cancellationToken);
        if (!html)
        {
            return outcome.Failure is { } failure
                ? failure.ToResult()
                : TypedResults.Ok(new SurveyAnswerView(outcome.Value!.Survey.Id, outcome.Value.Survey.Kind.ToWireName(), outcome.Value.Survey.ScoreList,
                    outcome.Value.Survey.Comment, outcome.Value.Survey.AnsweredAt!.Value, outcome.Value.Survey.Low, outcome.Value.CallbackBy));
        }

        return outcome.Failure switch
        {
            null => SurveyPage.Answered(outcome.Value!.Survey, voice!, justNow: true, outcome.Value.CallbackBy),
            Failure.Invalid => SurveyPage.Show(survey, token, voice!, clock.GetUtcNow().UtcDateTime, voice!["Survey.Error.Missing"], input),
            _ => SurveyPage.Show(survey, token, voice!, clock.GetUtcNow().UtcDateTime),
        };
    }

    internal static async Task<Results<Ok<List<SurveyView>>, ValidationProblem>> List(
        Guid? customerId, string? state, bool? low, int? offset, int? limit, HttpResponse response, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        if (!Page.TryCreate(offset, limit, out var page, out var problem))
        {
            return problem!;
        }

        var surveys = db.Surveys.AsNoTracking();
        if (customerId is { } customer)
        {
            surveys = surveys.Where(s => s.CustomerId == customer);
        }

        if (state is not null)
        {
            if (!SurveyStates.TryParse(state, out var wanted, out var stateError))
            {
                return ProblemResults.Invalid("state", stateError);
            }

            surveys = surveys.Where(s => s.State == wanted);
        }

        if (low is { } onlyLow)
        {
            surveys = surveys.Where(s => s.Low == onlyLow);
        }

        var total = await surveys.CountAsync(cancellationToken);
        var items = await surveys.OrderByDescending(s => s.Id).Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken);
        Page.WriteHeaders(response, total, items.Count);
        return TypedResults.Ok(items.Select(SurveyView.Of).ToList());
    }

    internal static async Task<Results<Ok<SurveyView>, NotFoundProblem>> Get(Guid id, TouchpointDbContext db, CancellationToken cancellationToken) =>
        await db.Surveys.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken) is { } survey
            ? TypedResults.Ok(SurveyView.Of(survey))
            : ProblemResults.NotFound($"There is no survey with id '{id}'.");

    internal static async Task<Results<Ok<FeedbackOverviewView>, ValidationProblem>> Overview(
        int? days, TouchpointDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (days is < 1 or > FeedbackOverview.MostDays)
        {
            return ProblemResults.Invalid("days", $"days is 1 to {FeedbackOverview.MostDays}.");
        }

        return TypedResults.Ok(await FeedbackOverview.ReadAsync(db, clock.GetUtcNow().UtcDateTime, days ?? 30, cancellationToken));
    }

    /// <summary>A form from the page (q0, q1, … and comment) or JSON; a body that is neither, or not valid JSON, is a 400.</summary>
    private static async Task<Outcome<SurveyAnswerInput>> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var scores = new List<int?>();
            for (var question = 0; question < SurveyKinds.MostQuestions(SurveyKind.Csat); question++)
            {
                if (!form.TryGetValue(string.Create(CultureInfo.InvariantCulture, $"q{question}"), out var value))
                {
                    // A question left unanswered keeps its place, so the error names the right one.
                    scores.Add(null);
                    continue;
                }

                scores.Add(int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var score) ? score : null);
            }

            // Trailing places of questions the survey does not ask are not answers.
            while (scores.Count > 0 && scores[^1] is null && !form.ContainsKey(string.Create(CultureInfo.InvariantCulture, $"q{scores.Count - 1}")))
            {
                scores.RemoveAt(scores.Count - 1);
            }

            return new SurveyAnswerInput(scores, form["comment"].ToString());
        }

        try
        {
            return await request.ReadFromJsonAsync<SurveyAnswerInput>(cancellationToken) is { } input
                ? input
                : new Failure.Invalid("body", "The body is {\"scores\": [...], \"comment\": \"...\"}.");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            return new Failure.Invalid("body", "The body is JSON: {\"scores\": [...], \"comment\": \"...\"}, or the page's form.");
        }
    }
}
