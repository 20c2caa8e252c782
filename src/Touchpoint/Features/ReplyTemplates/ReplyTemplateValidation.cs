using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Mail;
using Touchpoint.Features.Messages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.ReplyTemplates;

/// <summary>A template's text in one language, as validated: subject null when there is none.</summary>
public sealed record ReplyTemplateText(string Language, string? Subject, string Body);

/// <summary>
/// The rules every text of a template meets, in its default language and in each translation alike: placeholders
/// known, a subject that is one header-safe line and only for e-mail, a body that fits the channel (an SMS when the
/// template may be sent by SMS). A mistake is named on its field, e.g. <c>body</c> or <c>translations[1].body</c>.
/// </summary>
public static class ReplyTemplateValidation
{
    private static readonly string Languages = string.Join(", ", PreferredLanguages.All);

    /// <summary>The default language: any case accepted, "en" when left out.</summary>
    public static Outcome<string> DefaultLanguage(string? language)
    {
        if (string.IsNullOrWhiteSpace(language))
        {
            return PreferredLanguages.English;
        }

        return PreferredLanguages.TryValidate(language, out var valid, out _)
            ? valid
            : new Failure.Invalid("language", $"language is one of {Languages}, not '{language}'.");
    }

    /// <summary>The subject and body written in <paramref name="language"/>, fields named after <paramref name="prefix"/> ("" or "translations[0].").</summary>
    public static Outcome<ReplyTemplateText> Text(string channel, string language, string? subjectInput, string? bodyInput, string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var subjectField = $"{prefix}subject";
        var bodyField = $"{prefix}body";
        var subject = subjectInput?.Trim();
        if (!string.IsNullOrEmpty(subject))
        {
            if (channel == MessageTypes.Sms)
            {
                return new Failure.Invalid(subjectField, $"An SMS has no subject: leave {subjectField} out of an SMS template.");
            }

            if (subject.Length > ReplyTemplate.MaxSubjectLength || subject.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                return new Failure.Invalid(subjectField, $"{subjectField} is one line of at most {ReplyTemplate.MaxSubjectLength} characters.");
            }

            if (ReplyPlaceholders.Problems(subject) is [var subjectProblem, ..])
            {
                return new Failure.Invalid(subjectField, subjectProblem);
            }
        }

        var body = bodyInput?.Trim();
        // A template for any channel may be sent by SMS, so it must fit one.
        var maxBody = channel == MessageTypes.Email ? OutboundMessage.MaxContentLength : CaseReplies.MaxSmsLength;
        if (string.IsNullOrEmpty(body) || body.Length > maxBody)
        {
            return new Failure.Invalid(bodyField, channel == MessageTypes.Email
                ? $"{bodyField} is required: what the customer reads (at most {maxBody} characters)."
                : $"{bodyField} is required: what the customer reads, at most {maxBody} characters so that it can be sent by SMS.");
        }

        if (ReplyPlaceholders.Problems(body) is [var bodyProblem, ..])
        {
            return new Failure.Invalid(bodyField, bodyProblem);
        }

        return new ReplyTemplateText(language, string.IsNullOrEmpty(subject) ? null : subject, body);
    }

    /// <summary>Each translation valid on its own, in a language Touchpoint writes, once, and not the default one; sorted by language.</summary>
    public static Outcome<List<ReplyTemplateText>> Translations(
        string channel, string defaultLanguage, IReadOnlyList<ReplyTemplateTranslationInput?>? translations)
    {
        var valid = new List<ReplyTemplateText>();
        for (var i = 0; i < (translations?.Count ?? 0); i++)
        {
            var prefix = $"translations[{i}].";
            if (translations![i] is not { } translation)
            {
                return new Failure.Invalid($"translations[{i}]", $"translations[{i}] is empty: give its language and body.");
            }

            var languageField = $"{prefix}language";
            if (!PreferredLanguages.TryValidate(translation.Language, out var language, out _))
            {
                return new Failure.Invalid(languageField, string.IsNullOrWhiteSpace(translation.Language)
                    ? $"{languageField} is required: one of {Languages}."
                    : $"{languageField} is one of {Languages}, not '{translation.Language}'.");
            }

            if (language == defaultLanguage)
            {
                return new Failure.Invalid(languageField, $"{languageField} is '{language}', the template's own language: its text is the template's subject and body.");
            }

            if (valid.Any(t => t.Language == language))
            {
                return new Failure.Invalid(languageField, $"{languageField}: the template already has a text in '{language}'; give each language once.");
            }

            var text = Text(channel, language, translation.Subject, translation.Body, prefix);
            if (text.Failure is { } invalid)
            {
                return invalid;
            }

            valid.Add(text.Value!);
        }

        return valid.OrderBy(t => t.Language, StringComparer.Ordinal).ToList();
    }
}
