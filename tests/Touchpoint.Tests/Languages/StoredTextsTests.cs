using Touchpoint.Domain.Languages;
using Touchpoint.Features.Languages;

namespace Touchpoint.Tests.Languages;

/// <summary>
/// The renderer of stored texts: a key and args become the reader's words, codes among the args in their words too,
/// and whatever does not fit reads as the English words the row stored — never an exception on a page.
/// </summary>
public sealed class StoredTextsTests
{
    private const string Stored = "Case C-1: opened (complaint, high priority), owned by the Billing queue";

    private static readonly CultureInfo Swedish = CultureInfo.GetCultureInfo("sv");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private static readonly StoredText Opened = StoredText.Of("Timeline.Case.Opened",
        "C-1", StoredText.CodeInSentence("CaseType", "complaint"), StoredText.CodeInSentence("CasePriority", "high"),
        StoredText.Nested(StoredText.Of("Case.Owner.Queue", "Billing")));

    [Fact]
    public void Codes_and_nested_texts_among_the_args_are_read_in_the_readers_language()
    {
        Assert.Equal("Ärende C-1: öppnat (klagomål, hög prioritet), ägs av kön Billing", Render(Swedish, Opened));
        Assert.Equal(Stored, Render(English, Opened));
    }

    [Fact]
    public void A_code_outside_a_sentence_keeps_its_capital_and_one_inside_a_sentence_keeps_an_abbreviation()
    {
        var moved = StoredText.Of("Timeline.Case.StatusChanged", "C-1", StoredText.Code("CaseStatus", "resolved"), StoredText.Code("CaseStatus", "inProgress"));
        var linked = StoredText.Of("Timeline.Case.ContactLinked", "C-1", StoredText.CodeInSentence("Direction", "inbound"), StoredText.CodeInSentence("Channel", "ivr"));

        Assert.Equal("Ärende C-1: Löst → Pågår", Render(Swedish, moved));
        Assert.Equal("Ärende C-1: kontakt kopplad (inkommande, talsvar (IVR))", Render(Swedish, linked));
        Assert.Equal("Case C-1: inbound IVR contact linked", Render(English, linked));
    }

    [Fact]
    public void A_rules_reason_from_the_domain_reads_in_the_readers_language_with_its_parts()
    {
        var why = Phrase.Of("Reason.NonConformity.WithFaultCases",
            Phrase.Part(Phrase.Of("Reason.NonConformity.Faults", Phrase.Value(3), Phrase.Value("2026-08-26"), Phrase.Value("EU-105-5"))), Phrase.Value("@C-1, C-2"));

        var swedish = Render(Swedish, StoredText.From(why));

        Assert.StartsWith("Sedan 2026-08-26 har fel anmälts på 3 dagar. Det är en ofta återkommande avvikelse", swedish, StringComparison.Ordinal);
        Assert.EndsWith("(EU-105-5). Felärenden: @C-1, C-2.", swedish, StringComparison.Ordinal);
        Assert.StartsWith("Faults were reported on 3 days since 2026-08-26", Render(English, StoredText.From(why)), StringComparison.Ordinal);
    }

    [Fact]
    public void Many_parts_joined_side_by_side_all_read_however_many_there_are()
    {
        var lines = Enumerable.Range(1, 12).Select(n => StoredText.Of("Timeline.Compensation.Note", n.ToString(CultureInfo.InvariantCulture))).ToList();

        var rendered = Render(Swedish, StoredText.Lines(lines));

        Assert.Equal(string.Join("\n", Enumerable.Range(1, 12).Select(n => $"Anteckning: {n}")), rendered);
    }

    [Fact]
    public void A_value_of_the_users_that_looks_like_a_code_is_shown_as_it_was_written()
    {
        var note = StoredText.Of("Timeline.Case.OwnsNow", StoredText.Value("@CaseStatus.resolved"), StoredText.Value("C-1"));

        Assert.Equal("@@CaseStatus.resolved", note.Args[0]);
        Assert.Equal("@CaseStatus.resolved äger nu ärende C-1.", Render(Swedish, note));
    }

    [Fact]
    public void A_whole_number_is_written_as_the_readers_language_writes_numbers_and_a_code_like_007_stays_as_it_is()
    {
        var reads = StoredText.Of("Notification.UnusualReads.Detail", "Anna", "anna", StoredText.Value(12345), "20000");
        var owner = StoredText.Of("Timeline.Case.OwnsNow", "007", "C-1");

        Assert.Equal($"Anna (anna) har läst {12345.ToString("N0", Swedish)} olika kunder via API:et den här timmen; läsningen stoppas vid {20000.ToString("N0", Swedish)}. Granskningsloggen visar vad som lästes.",
            Render(Swedish, reads));
        Assert.Contains("read 12,345 different customers", Render(English, reads), StringComparison.Ordinal);
        Assert.Equal("007 äger nu ärende C-1.", Render(Swedish, owner));
    }

    [Theory]
    [InlineData(null, "[]")] // an entry written before stored texts
    [InlineData("Timeline.Case.Opened", null)] // its args erased with the customer's data
    [InlineData("Timeline.NoSuchKey", "[\"C-1\"]")]
    [InlineData("Timeline.Case.Opened", "not json")]
    [InlineData("Timeline.Case.Opened", "{\"a\":1}")]
    [InlineData("Timeline.Case.Opened", "[\"C-1\"]")] // fewer args than the text has placeholders
    [InlineData("Timeline.Case.Opened", "[\"C-1\",\"@CaseType.noSuchType\",\"@~CasePriority.high\",\"x\"]")]
    [InlineData("Timeline.Case.Opened", "[\"C-1\",\"@[\\\"Case.Owner.Queue\\\"\",\"x\",\"y\"]")] // a nested text cut short
    [InlineData("Timeline.Case.Opened", "[\"C-1\",\"@[]\",\"x\",\"y\"]")]
    public void Whatever_does_not_fit_reads_as_the_stored_English_words(string? key, string? args)
    {
        Assert.Equal(Stored, StoredTexts.Render(Swedish, key, args, Stored));
        Assert.Equal(Stored, StoredTexts.Render(English, key, args, Stored));
    }

    [Fact]
    public void Texts_nested_deeper_than_the_limit_are_not_read()
    {
        var text = StoredText.Of("Case.Owner.Queue", "Billing");
        for (var depth = 0; depth < 10; depth++)
        {
            text = StoredText.Of("Case.Owner.Queue", StoredText.Nested(text));
        }

        Assert.Equal(Stored, Render(Swedish, text));
        Assert.Equal("kön kön Billing", Render(Swedish, StoredText.Of("Case.Owner.Queue", StoredText.Nested(StoredText.Of("Case.Owner.Queue", "Billing")))));
    }

    [Fact]
    public void Args_too_long_to_keep_are_not_kept_so_the_row_reads_as_its_English_words()
    {
        var text = StoredText.Of("Timeline.Case.Need", new string('x', StoredText.ArgsLength));

        Assert.Null(text.ArgsJson());
        Assert.Equal(Stored, StoredTexts.Render(Swedish, text.Key, text.ArgsJson(), Stored));
    }

    private static string Render(CultureInfo culture, StoredText text) => StoredTexts.Render(culture, text.Key, text.ArgsJson(), Stored);
}
