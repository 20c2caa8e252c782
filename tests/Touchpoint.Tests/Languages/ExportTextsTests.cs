using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Privacy;
using Touchpoint.Hosting;

namespace Touchpoint.Tests.Languages;

/// <summary>
/// Issue 20 for the readable copy of an Art. 15 export: its texts in every language with their placeholders, and a
/// label for every field an export writes, so a column added to an exported entity cannot reach a customer in English.
/// </summary>
public sealed class ExportTextsTests
{
    public static TheoryData<string> Translations => ResourceTexts.Translations;

    [Theory]
    [MemberData(nameof(Translations))]
    public void Every_key_is_in_every_language_and_no_language_has_a_key_English_lacks(string language) =>
        Assert.Empty(ResourceTexts.KeysAgainstEnglish(typeof(ExportTexts), language));

    [Theory]
    [MemberData(nameof(Translations))]
    public void Every_translation_keeps_the_placeholders_of_the_English_text(string language) =>
        Assert.Empty(ResourceTexts.BrokenPlaceholders(typeof(ExportTexts), language));

    [Fact]
    public void Every_text_formats_in_its_own_language() => Assert.Empty(ResourceTexts.Unformattable(typeof(ExportTexts)));

    [Fact]
    public void Every_field_an_export_writes_has_a_label_and_no_label_is_left_over()
    {
        var exported = ExportFields.FieldsIn(Model(), PersonalDataSections.All.Select(s => s.EntityType)).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        var labelled = TextsOf(PreferredLanguages.English).Keys.Where(k => k.StartsWith("Field.", StringComparison.Ordinal)).Select(k => k["Field.".Length..]).ToHashSet(StringComparer.Ordinal);

        // The customer record alone has dozens of fields: an empty list here would be a broken walk, not a pass.
        Assert.Contains("PreferredLanguage", exported);
        Assert.Contains("Street", exported);
        Assert.Empty(exported.Except(labelled, StringComparer.Ordinal));
        Assert.Empty(labelled.Except(exported, StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_kind_or_state_in_words_is_one_an_export_writes()
    {
        var written = ExportFields.FieldsIn(Model(), PersonalDataSections.All.Select(s => s.EntityType))
            .Select(f => Nullable.GetUnderlyingType(f.ClrType) ?? f.ClrType).Where(t => t.IsEnum)
            .SelectMany(t => Enum.GetNames(t).Select(name => $"Value.{t.Name}.{name}")).ToHashSet(StringComparer.Ordinal);
        var worded = TextsOf(PreferredLanguages.English).Keys.Where(k => k.Count(c => c == '.') == 2 && k.StartsWith("Value.", StringComparison.Ordinal)).ToList();

        Assert.Contains("Value.PromiseState.Open", worded);
        Assert.Empty(worded.Except(written, StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_section_has_a_title_in_the_texts_as_the_JSON_names_it()
    {
        var english = TextsOf(PreferredLanguages.English);
        Assert.All(PersonalDataSections.All, section => Assert.Equal(section.Title, english.GetValueOrDefault(ExportWording.SectionKey(section.Key))));
    }

    [Fact]
    public void The_English_leak_check_of_an_export_finds_an_English_label_phrase_that_the_customer_check_does_not()
    {
        var danish = TextsOf("da");
        var english = TextsOf(PreferredLanguages.English);
        var page = $"{danish["Section.audit"]} {english["Section.caseOwners"]}";
        Assert.Empty(EnglishLeaks.InExport(danish["Section.audit"], "da"));
        Assert.Equal([english["Section.caseOwners"]], EnglishLeaks.InExport(page, "da"));
        Assert.Empty(EnglishLeaks.In(page, "da"));
    }

    private static Dictionary<string, string> TextsOf(string language) => ResourceTexts.Of(typeof(ExportTexts), language);

    /// <summary>The EF model as the app builds it; no database is opened to read it.</summary>
    private static Microsoft.EntityFrameworkCore.Metadata.IModel Model()
    {
        using var db = new SqliteTouchpointDbContext(new DbContextOptionsBuilder<SqliteTouchpointDbContext>().UseSqlite("Data Source=:memory:")
            .UseTouchpointServices(new CurrentActor(new HttpContextAccessor()), TimeProvider.System).Options);
        return db.Model;
    }
}
