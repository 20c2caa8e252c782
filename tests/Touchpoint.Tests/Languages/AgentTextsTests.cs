using System.Collections;
using System.Resources;
using System.Text.RegularExpressions;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Messages;
using Touchpoint.Domain.Orders;
using Touchpoint.Domain.Platform;
using Touchpoint.Domain.Promises;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Languages;

namespace Touchpoint.Tests.Languages;

/// <summary>
/// The agent UI is complete in English and Swedish: every key of <c>AgentTexts.resx</c> is in <c>AgentTexts.sv.resx</c>
/// and the reverse, with the same placeholders, read from the resources that ship; every key a page names exists; and
/// every wire name a page shows in words has its words (a new case status, say, is not left in English).
/// </summary>
public sealed partial class AgentTextsTests
{
    private static readonly ResourceManager Resources = new(typeof(AgentTexts).FullName!, typeof(AgentTexts).Assembly);

    /// <summary>The projects whose code names stored text keys: the web app, and the domain for its rules' reasons.</summary>
    private static readonly string[] SourceProjects = ["Touchpoint", "Touchpoint.Domain"];

    [Fact]
    public void Every_key_is_in_English_and_Swedish_with_the_same_placeholders()
    {
        var english = Texts(CultureInfo.InvariantCulture);
        var swedish = Texts(CultureInfo.GetCultureInfo("sv"));

        Assert.True(english.Count > 100, $"Only {english.Count} English agent texts were found.");
        Assert.Empty(english.Keys.Except(swedish.Keys).Order(StringComparer.Ordinal));
        Assert.Empty(swedish.Keys.Except(english.Keys).Order(StringComparer.Ordinal));
        var differentPlaceholders = english
            .Where(text => !Placeholders(text.Value).SetEquals(Placeholders(swedish[text.Key])))
            .Select(text => $"{text.Key}: \"{text.Value}\" / \"{swedish[text.Key]}\"");
        Assert.Empty(differentPlaceholders);
        Assert.All(swedish, text => Assert.False(string.IsNullOrWhiteSpace(text.Value), $"{text.Key} is empty in Swedish."));
    }

    [Fact]
    public void Every_key_a_page_names_exists()
    {
        var known = Texts(CultureInfo.InvariantCulture).Keys.ToHashSet(StringComparer.Ordinal);
        var pages = Directory.GetFiles(Path.Combine(RepoRoot(), "src", "Touchpoint"), "*.razor", SearchOption.AllDirectories);

        var named = pages
            .SelectMany(page => NamedKey().Matches(File.ReadAllText(page)).Select(match => (Page: Path.GetFileName(page), Key: match.Groups["key"].Value)))
            .ToList();

        Assert.True(named.Count > 100, $"Only {named.Count} texts are named by pages.");
        Assert.Empty(named.Where(n => !known.Contains(n.Key)).Select(n => $"{n.Page}: {n.Key}"));
    }

    [Fact]
    public void Every_key_a_stored_text_names_exists()
    {
        var known = Texts(CultureInfo.InvariantCulture).Keys.ToHashSet(StringComparer.Ordinal);
        var sources = SourceProjects
            .SelectMany(project => Directory.GetFiles(Path.Combine(RepoRoot(), "src", project), "*.cs", SearchOption.AllDirectories));

        var named = sources
            .SelectMany(source => StoredTextKey().Matches(File.ReadAllText(source)).Select(match => (File: Path.GetFileName(source), Key: match.Groups["key"].Value)))
            .ToList();

        // The cases alone write dozens; a handful would mean the pattern no longer finds them.
        Assert.True(named.Count > 30, $"Only {named.Count} stored text keys are named in the code.");
        Assert.Empty(named.Where(n => !known.Contains(n.Key)).Select(n => $"{n.File}: {n.Key}"));
    }

    [Fact]
    public void Every_wire_name_a_page_shows_in_words_has_its_words()
    {
        var known = Texts(CultureInfo.InvariantCulture).Keys.ToHashSet(StringComparer.Ordinal);
        IEnumerable<(string Group, IEnumerable<string> WireNames)> groups =
        [
            ("CaseType", CaseTypes.WireNames), ("CasePriority", CasePriorities.WireNames), ("CaseStatus", CaseStatuses.WireNames),
            ("Channel", InteractionChannels.WireNames), ("Via", InteractionChannels.WireNames), ("Direction", InteractionDirections.WireNames),
            ("PromiseKind", PromiseKinds.WireNames), ("TimelineKind", TimelineEntryKinds.WireNames), ("IdentityKind", IdentityKinds.WireNames),
            ("SubscriptionStatus", SubscriptionStatuses.WireNames), ("OrderState", OrderStates.WireNames), ("OrderState", OrderItemStates.WireNames),
            ("MessageState", MessageStates.WireNames), ("CustomerKind", CustomerKinds.WireNames),
            ("LanguageName", PreferredLanguages.All), ("LanguageInSentence", PreferredLanguages.All), ("LanguageOwnName", StaffLanguages.All), ("Role", Roles.All),
        ];

        var missing = groups.SelectMany(g => g.WireNames.Select(wire => $"{g.Group}.{wire}")).Where(key => !known.Contains(key));

        Assert.Empty(missing);
    }

    /// <summary>The texts of exactly <paramref name="culture"/>'s file, not falling back to English.</summary>
    private static Dictionary<string, string> Texts(CultureInfo culture)
    {
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false);
        Assert.NotNull(set);
        return set.Cast<DictionaryEntry>().ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!, StringComparer.Ordinal);
    }

    private static HashSet<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(match => match.Value).ToHashSet(StringComparer.Ordinal);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Touchpoint.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("The repo root (Touchpoint.slnx) is not above the test binaries.");
    }

    [GeneratedRegex(@"\{\d+(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    /// <summary>
    /// A key a producer stores: <c>StoredText.Of("Case.Owner.Queue", …)</c> or a rule's <c>Phrase.Of("Reason.…", …)</c>, or any literal
    /// "Timeline.…", "Notification.…", "OrderWords.…" or "Reason.…" (keys chosen by a condition).
    /// </summary>
    [GeneratedRegex(@"(?:StoredText|Phrase)\.Of\(\s*""(?<key>[^""]+)""|""(?<key>(?:Timeline|Notification|OrderWords|Reason)\.[A-Za-z0-9.]+)""")]
    private static partial Regex StoredTextKey();

    /// <summary>A literal key: <c>T["Work.Title"]</c> or <c>T["Work.Truncated", limit]</c>.</summary>
    [GeneratedRegex(@"\bT\[""(?<key>[A-Za-z0-9_.]+)""")]
    private static partial Regex NamedKey();
}
