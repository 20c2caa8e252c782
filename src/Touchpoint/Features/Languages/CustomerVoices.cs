using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.Localization;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Languages;

namespace Touchpoint.Features.Languages;

/// <summary>Makes the <see cref="CustomerVoice"/> for a customer on file, or for a visitor of a public page.</summary>
public sealed class CustomerVoices(IStringLocalizerFactory localizers)
{
    private readonly IStringLocalizer texts = localizers.Create(typeof(CustomerTexts));

    /// <summary>For a customer on file: their preferred language, else their jurisdiction's; their jurisdiction's clock.</summary>
    public CustomerVoice For(string? preferredLanguage, string? jurisdiction) =>
        new(texts, CustomerLanguages.Choose(preferredLanguage, jurisdiction), Jurisdictions.TryParse(jurisdiction, out var known, out _) ? known : null);

    /// <summary>In <paramref name="language"/> (a supported code), for a customer of <paramref name="jurisdiction"/> if known.</summary>
    public CustomerVoice In(string language, string? jurisdiction) =>
        new(texts, language, Jurisdictions.TryParse(jurisdiction, out var known, out _) ? known : null);

    /// <summary>
    /// For a visitor of a public page not yet known: the language they chose with the switcher, else their browser's
    /// (<c>Accept-Language</c>), else English.
    /// </summary>
    public CustomerVoice ForVisitor(HttpContext? context) => In(VisitorLanguage(context).Language, null);

    /// <summary>
    /// For a visitor who has just been recognised as a customer: the language they chose on the page still wins;
    /// otherwise the customer's own.
    /// </summary>
    public CustomerVoice ForRecognised(HttpContext? context, string? preferredLanguage, string? jurisdiction)
    {
        var (language, chosen) = VisitorLanguage(context);
        return chosen ? In(language, jurisdiction) : For(preferredLanguage, jurisdiction);
    }

    /// <summary>
    /// The request's language, and whether the visitor chose it (switcher) rather than their browser sending it.
    /// Without a request (an interactive page's circuit): the language the circuit was opened in.
    /// </summary>
    public static (string Language, bool Chosen) VisitorLanguage(HttpContext? context)
    {
        var feature = context?.Features.Get<IRequestCultureFeature>();
        var language = (feature?.RequestCulture.UICulture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName;
        return PreferredLanguages.IsSupported(language)
            ? (language, feature?.Provider is CookieRequestCultureProvider or QueryStringRequestCultureProvider)
            : (PreferredLanguages.English, false);
    }
}
