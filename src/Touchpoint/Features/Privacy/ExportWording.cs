using System.Globalization;
using System.Text;
using Microsoft.Extensions.Localization;
using Touchpoint.Features.Languages;

namespace Touchpoint.Features.Privacy;

/// <summary>
/// The words of an export's readable page in one customer's language (<see cref="ExportTexts"/>), with the
/// <see cref="CustomerVoice"/> that writes its days and times on the customer's clock.
/// </summary>
public sealed class ExportWording
{
    private readonly IStringLocalizer texts;

    public ExportWording(IStringLocalizerFactory localizers, CustomerVoice voice)
    {
        ArgumentNullException.ThrowIfNull(localizers);
        ArgumentNullException.ThrowIfNull(voice);
        texts = localizers.Create(typeof(ExportTexts));
        Voice = voice;
    }

    public CustomerVoice Voice { get; }

    /// <summary>The text of <paramref name="key"/> with its placeholders filled, in this language.</summary>
    public string Text(string key, params object[] arguments) =>
        Find(key, arguments) ?? throw new InvalidOperationException($"There is no export text '{key}'.");

    /// <summary>
    /// A field's label, "CreatedAt" reading "Oprettet" in Danish. A test holds every exported field to a label; a
    /// column added since reads as English words rather than breaking the export.
    /// </summary>
    public string Label(string fieldName) => Find(LabelKey(fieldName), []) ?? Words(fieldName);

    /// <summary>A kind or state in words ("Åbent" for an open promise); one without a text by its stored name.</summary>
    public string Kind(Enum value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Find($"Value.{value.GetType().Name}.{value}", []) ?? value.ToString();
    }

    public static string LabelKey(string fieldName) => $"Field.{fieldName}";

    public static string SectionKey(string sectionKey) => $"Section.{sectionKey}";

    /// <summary>A property's name as English words, the last resort for a label: "OccurredAt" reads "Occurred at".</summary>
    public static string Words(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var words = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(name[i - 1]))
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }

        return words.ToString();
    }

    private string? Find(string key, object[] arguments)
    {
        // The localizer reads the ambient UI culture: the voice's only for the lookup, so one export's language never
        // leaks into the next written on the same thread.
        var uiCulture = CultureInfo.CurrentUICulture;
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentUICulture = Voice.Culture;
        CultureInfo.CurrentCulture = Voice.Culture;
        try
        {
            var text = arguments.Length == 0 ? texts[key] : texts[key, arguments];
            return text.ResourceNotFound ? null : text.Value;
        }
        finally
        {
            CultureInfo.CurrentUICulture = uiCulture;
            CultureInfo.CurrentCulture = culture;
        }
    }
}
