using System.Collections;
using System.Globalization;
using System.Resources;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>The texts of one language's own resource file (English the neutral one), without falling back to English for a missing one.</summary>
public static class ResourceTexts
{
    public static Dictionary<string, string> Of(Type resources, string language)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var culture = language == PreferredLanguages.English ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language);
        var set = new ResourceManager(resources.FullName!, resources.Assembly).GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"There is no {resources.Name} file for '{language}'.");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!, StringComparer.Ordinal);
    }
}
