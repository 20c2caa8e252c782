using Touchpoint.Domain.Messages;

namespace Touchpoint.Domain.Tests.Messages;

public sealed class ReplyPlaceholdersTests
{
    private static readonly PlaceholderValues Bert = new(
        "Bert Lindqvist", "C-000123", "Why was I sold 4G? — The coverage check was skipped.", "350 SEK for: 37 days without broadband", "Anna Agent");

    [Fact]
    public void Every_known_placeholder_is_filled_from_the_values()
    {
        var rendered = ReplyPlaceholders.Render("Dear {name}, about {case}: you get {compensation}.\n{answers}\n{agent}", Bert);

        Assert.Equal(
            "Dear Bert Lindqvist, about C-000123: you get 350 SEK for: 37 days without broadband.\nWhy was I sold 4G? — The coverage check was skipped.\nAnna Agent",
            rendered.Text);
        Assert.Empty(rendered.Missing);
    }

    [Fact]
    public void A_placeholder_without_a_value_stays_in_the_text_and_is_named_once()
    {
        var rendered = ReplyPlaceholders.Render("{name}: {compensation} ({compensation}), {answers}", Bert with { Compensation = null, Answers = "" });

        Assert.Equal("Bert Lindqvist: {compensation} ({compensation}), {answers}", rendered.Text);
        Assert.Equal(["{compensation}", "{answers}"], rendered.Missing);
    }

    [Fact]
    public void Text_without_placeholders_is_left_as_it_is()
    {
        var rendered = ReplyPlaceholders.Render("Thank you for waiting.", Bert);

        Assert.Equal(("Thank you for waiting.", 0), (rendered.Text, rendered.Missing.Count));
    }

    [Fact]
    public void A_correct_template_has_no_problems() =>
        Assert.Empty(ReplyPlaceholders.Problems("Dear {name},\n{answers}\n{compensation} on {case}.\n{agent}"));

    [Fact]
    public void An_unknown_placeholder_is_named_with_the_ones_there_are() =>
        Assert.Equal(["Unknown placeholder {nmae}; use {name}, {case}, {answers}, {compensation} or {agent}."], ReplyPlaceholders.Problems("Dear {nmae},"));

    [Fact]
    public void Placeholders_are_lower_case() =>
        Assert.Equal("Unknown placeholder {Name}; use {name}, {case}, {answers}, {compensation} or {agent}.", Assert.Single(ReplyPlaceholders.Problems("Dear {Name},")));

    [Theory]
    [InlineData("Dear {name,", "The '{' at character 6 is not closed: a placeholder is written like {name}.")]
    [InlineData("Dear {{name},", "The '{' at character 6 is not closed: a placeholder is written like {name}.")]
    [InlineData("Dear {name\n}", "The '{' at character 6 is not closed: a placeholder is written like {name}.")]
    [InlineData("Dear name},", "The '}' at character 10 closes nothing: a placeholder is written like {name}.")]
    public void An_unbalanced_brace_is_named_where_it_is(string text, string problem) =>
        Assert.Contains(problem, ReplyPlaceholders.Problems(text));

    [Fact]
    public void Every_problem_is_named_in_order() =>
        Assert.Equal(
            [
                "Unknown placeholder {nmae}; use {name}, {case}, {answers}, {compensation} or {agent}.",
                "The '}' at character 8 closes nothing: a placeholder is written like {name}.",
                "The '{' at character 10 is not closed: a placeholder is written like {name}.",
            ],
            ReplyPlaceholders.Problems("{nmae} } {name"));

    [Theory]
    [InlineData("We owe you {compensation}.", "{compensation}")]
    [InlineData("Dear {name} and {case}", "{name}")]
    [InlineData("A {brace} that is no placeholder", null)]
    [InlineData("Nothing here", null)]
    public void A_reply_still_holding_a_known_placeholder_is_found(string text, string? left) =>
        Assert.Equal(left, ReplyPlaceholders.FirstLeftIn(text));

    [Fact]
    public void Every_known_placeholder_left_is_named_once_in_order() =>
        Assert.Equal(["{compensation}", "{name}"], ReplyPlaceholders.LeftIn("{compensation}, {nmae} {name} {compensation}"));

    [Fact]
    public void Answers_are_one_question_and_answer_line_each_and_absent_when_there_are_none()
    {
        Assert.Equal("Why 4G? — No check.\nWhen? — Today.", ReplyPlaceholders.AnswerLines([("Why 4G? ", "No check."), ("When?", " Today.")]));
        Assert.Null(ReplyPlaceholders.AnswerLines([]));
    }
}
