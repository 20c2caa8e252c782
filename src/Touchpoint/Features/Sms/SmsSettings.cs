using System.Globalization;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Sms;

/// <summary>
/// Sinch's SMS REST API (XMS), from <c>Touchpoint:Sms:Sinch:*</c>. Sinch is Swedish and carries SMS for Nordic
/// operators; the API is <c>POST {BaseUrl}/xms/v1/{ServicePlanId}/batches</c> with a bearer token.
/// </summary>
/// <param name="From">The number or sender id messages come from; customers' answers come back to it.</param>
/// <param name="WebhookSecret">The secret Sinch signs its callbacks with (<see cref="SinchSignature"/>).</param>
/// <param name="CallbackBaseUrl">Where Sinch reaches this Touchpoint, e.g. <c>https://care.example.se</c>; without it
/// delivery reports go to the callback URL set on the service plan.</param>
/// <param name="Timeout">How long Sinch gets to answer before the attempt counts as failed and is retried.</param>
public sealed record SinchSettings(Uri BaseUrl, string ServicePlanId, string ApiToken, string From, string WebhookSecret, Uri? CallbackBaseUrl, TimeSpan Timeout)
{
    public const string Section = "Touchpoint:Sms:Sinch";
    public const string HttpClientName = "sinch";

    /// <summary>Delivery reports and customers' SMS (MO) both arrive here.</summary>
    public const string CallbackPath = "/api/sms/sinch/callbacks";

    public Uri BatchesUrl => new(BaseUrl, $"xms/v1/{Uri.EscapeDataString(ServicePlanId)}/batches");

    public Uri? CallbackUrl => CallbackBaseUrl is null ? null : new Uri(CallbackBaseUrl, CallbackPath);

    /// <summary>True when any Sinch setting is given: then all the required ones must be.</summary>
    public static bool IsConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(Section).GetChildren().Any(s => !string.IsNullOrEmpty(s.Value));
    }

    /// <summary>The settings, or null when none are given (no SMS gateway: SMS wait on the outbox).</summary>
    public static SinchSettings? FromConfiguration(IConfiguration configuration)
    {
        if (!IsConfigured(configuration))
        {
            return null;
        }

        var sinch = configuration.GetSection(Section);
        return new SinchSettings(
            AbsoluteUrl(sinch, "BaseUrl", "https://eu.sms.api.sinch.com/")!,
            Required(sinch, "ServicePlanId"),
            Required(sinch, "ApiToken"),
            Required(sinch, "From"),
            Required(sinch, "WebhookSecret"),
            AbsoluteUrl(sinch, "CallbackBaseUrl", null),
            TimeSpan.FromSeconds(sinch["TimeoutSeconds"] is not { Length: > 0 } seconds ? 30
                : int.TryParse(seconds, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value
                : throw new StartupException($"{Section}:TimeoutSeconds is '{seconds}'; it must be a whole number above zero.")));
    }

    private static string Required(IConfigurationSection section, string key) =>
        section[key] is { Length: > 0 } value ? value
            : throw new StartupException($"{Section}:{key} is missing; Sinch SMS needs ServicePlanId, ApiToken, From and WebhookSecret (or no {Section} settings at all).");

    private static Uri? AbsoluteUrl(IConfigurationSection section, string key, string? fallback)
    {
        var text = section[key] is { Length: > 0 } configured ? configured : fallback;
        if (text is null)
        {
            return null;
        }

        // A trailing slash, so relative paths are added to the base rather than replacing its last segment.
        return Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var url) && url.Scheme is "http" or "https"
            ? url
            : throw new StartupException($"{Section}:{key} is '{text}', which is not an http(s) URL.");
    }
}

/// <summary>
/// SMS in Touchpoint, from <c>Touchpoint:Sms:*</c>: how far back an arriving SMS looks for the customer's open case,
/// the queue that owns the cases SMS open, and the provider when one is configured.
/// </summary>
/// <param name="ThreadDays">An SMS joins the customer's open case that had a message in this many days, else opens one.</param>
/// <param name="Sinch">Null in the embedded default: SMS stay <c>initial</c> on the outbox and none arrive.</param>
public sealed record SmsSettings(int ThreadDays, string Queue, SinchSettings? Sinch)
{
    public const string Section = "Touchpoint:Sms";

    public static SmsSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var sms = configuration.GetSection(Section);
        var days = sms["ThreadDays"] is not { Length: > 0 } text ? 14
            : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 3650 ? value
            : throw new StartupException($"{Section}:ThreadDays is '{sms["ThreadDays"]}'; it must be a whole number of days from 1 to 3650.");
        return new SmsSettings(days, sms["Queue"] is { Length: > 0 } queue ? queue : "sms", SinchSettings.FromConfiguration(configuration));
    }
}
