using System.Globalization;
using Touchpoint.Domain.Feedback;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Feedback;

/// <summary>What is asked after <paramref name="Trigger"/>: the kind, how many questions, and how long after.</summary>
public sealed record SurveyPlan(SurveyTrigger Trigger, bool Enabled, SurveyKind Kind, int Questions, TimeSpan Delay);

/// <summary>
/// How surveys are run, from <c>Touchpoint:Surveys</c>: a plan per trigger, the fatigue window (at most one survey
/// per customer in it, across all channels), how long a link works, how long a survey may wait for an open complaint,
/// which answers are low, and where customers reach the answer page. A setting that makes no sense stops the start
/// with its name.
/// </summary>
public sealed class SurveySettings
{
    public const string Section = "Touchpoint:Surveys";

    public required IReadOnlyDictionary<SurveyTrigger, SurveyPlan> Plans { get; init; }

    public TimeSpan FatigueWindow { get; init; } = TimeSpan.FromDays(30);

    public TimeSpan LinkValidity { get; init; } = TimeSpan.FromDays(14);

    public TimeSpan LongestDeferral { get; init; } = TimeSpan.FromDays(30);

    /// <summary>How often a survey waiting for an open complaint is looked at again.</summary>
    public TimeSpan DeferralCheck { get; init; } = TimeSpan.FromHours(6);

    public LowScores Low { get; init; } = LowScores.Default;

    /// <summary>Where customers reach this Touchpoint: the survey links start here.</summary>
    public required Uri PublicBaseUrl { get; init; }

    /// <summary>Answers accepted from one address in an hour, per node: a flood is refused (429).</summary>
    public int AnswersPerAddressPerHour { get; init; } = 30;

    /// <summary>The defaults: a three-question CSAT after a contact (as in S4-4), one after a resolved case or a promise made good, NPS after leaving (S1-6).</summary>
    public static IReadOnlyDictionary<SurveyTrigger, SurveyPlan> DefaultPlans { get; } = new Dictionary<SurveyTrigger, SurveyPlan>
    {
        [SurveyTrigger.Interaction] = new(SurveyTrigger.Interaction, true, SurveyKind.Csat, 3, TimeSpan.FromHours(1)),
        [SurveyTrigger.CaseResolved] = new(SurveyTrigger.CaseResolved, true, SurveyKind.Csat, 1, TimeSpan.FromHours(1)),
        [SurveyTrigger.Termination] = new(SurveyTrigger.Termination, true, SurveyKind.Nps, 1, TimeSpan.FromHours(1)),
        [SurveyTrigger.PromiseMadeGood] = new(SurveyTrigger.PromiseMadeGood, true, SurveyKind.Csat, 1, TimeSpan.FromHours(1)),
    };

    public static SurveySettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var all = section.GetValue("Enabled", true);
        var plans = new Dictionary<SurveyTrigger, SurveyPlan>();
        foreach (var (trigger, plan) in DefaultPlans)
        {
            var given = section.GetSection($"Triggers:{trigger.ToWireName()}");
            var kind = plan.Kind;
            if (given["Kind"] is { } kindText && !SurveyKinds.TryParse(kindText, out kind, out var kindError))
            {
                throw Invalid($"Triggers:{trigger.ToWireName()}:Kind", kindError);
            }

            var questions = given.GetValue("Questions", plan.Questions);
            if (questions < 1 || questions > SurveyKinds.MostQuestions(kind))
            {
                throw Invalid($"Triggers:{trigger.ToWireName()}:Questions", $"a {kind.ToWireName()} survey asks 1 to {SurveyKinds.MostQuestions(kind)} questions.");
            }

            var delay = Minutes(given, "DelayMinutes", plan.Delay, TimeSpan.Zero, TimeSpan.FromDays(30), $"Triggers:{trigger.ToWireName()}:DelayMinutes");
            plans[trigger] = new SurveyPlan(trigger, all && given.GetValue("Enabled", plan.Enabled), kind, questions, delay);
        }

        var publicBase = section["PublicBaseUrl"] ?? configuration["Touchpoint:PublicBaseUrl"] ?? configuration["Urls"]?.Split(';')[0] ?? "http://localhost:5080";
        if (!Uri.TryCreate(publicBase, UriKind.Absolute, out var publicBaseUrl) || publicBaseUrl.Scheme is not ("http" or "https"))
        {
            throw Invalid("PublicBaseUrl", $"'{publicBase}' is not an absolute http(s) address.");
        }

        LowScores low;
        try
        {
            low = new LowScores(section.GetValue("Low:CsatAtMost", 2), section.GetValue("Low:NpsAtMost", 6), section.GetValue("Low:CesAtLeast", 5));
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw Invalid("Low", e.Message);
        }

        var perHour = section.GetValue("AnswersPerAddressPerHour", 30);
        if (perHour < 1)
        {
            throw Invalid("AnswersPerAddressPerHour", "at least 1.");
        }

        return new SurveySettings
        {
            Plans = plans,
            FatigueWindow = Days(section, "FatigueDays", TimeSpan.FromDays(30), TimeSpan.Zero),
            LinkValidity = Days(section, "LinkValidityDays", TimeSpan.FromDays(14), TimeSpan.FromDays(1)),
            LongestDeferral = Days(section, "LongestDeferralDays", TimeSpan.FromDays(30), TimeSpan.FromDays(1)),
            Low = low,
            PublicBaseUrl = publicBaseUrl,
            AnswersPerAddressPerHour = perHour,
        };
    }

    /// <summary>The answer page of a token, under <see cref="PublicBaseUrl"/>.</summary>
    public Uri LinkFor(string token)
    {
        var root = PublicBaseUrl.AbsoluteUri.EndsWith('/') ? PublicBaseUrl : new Uri(PublicBaseUrl.AbsoluteUri + "/");
        return new Uri(root, $"survey/{token}");
    }

    private static TimeSpan Days(IConfigurationSection section, string key, TimeSpan fallback, TimeSpan least)
    {
        var days = section.GetValue(key, fallback.TotalDays);
        return days < least.TotalDays || days > 3650
            ? throw Invalid(key, string.Create(CultureInfo.InvariantCulture, $"between {least.TotalDays} and 3650 days."))
            : TimeSpan.FromDays(days);
    }

    private static TimeSpan Minutes(IConfigurationSection section, string key, TimeSpan fallback, TimeSpan least, TimeSpan most, string name)
    {
        var minutes = section.GetValue(key, fallback.TotalMinutes);
        return minutes < least.TotalMinutes || minutes > most.TotalMinutes
            ? throw Invalid(name, string.Create(CultureInfo.InvariantCulture, $"between {least.TotalMinutes} and {most.TotalMinutes} minutes."))
            : TimeSpan.FromMinutes(minutes);
    }

    private static StartupException Invalid(string key, string problem) => new($"The setting {Section}:{key} is not valid: {problem}");
}

/// <summary>Reads the survey settings at start, so a wrong one stops Touchpoint with its name rather than failing the first survey.</summary>
internal sealed class SurveySettingsCheck(SurveySettings settings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = settings.Plans;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
