using Touchpoint.Demo;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.ReplyTemplates;

namespace Touchpoint.Tests.ReplyTemplates;

/// <summary>The demo's templates are ones a lead could save on the page, and every one speaks Swedish.</summary>
public sealed class DemoReplyTemplateTests
{
    [Fact]
    public void Every_demo_template_and_translation_passes_the_rules_a_lead_writes_by_and_each_has_a_Swedish_text()
    {
        Assert.All(DemoReplyTemplates.All, template =>
        {
            Assert.Null(ReplyTemplateValidation.Text(template.Channel, PreferredLanguages.English, template.Subject, template.Body, "").Failure);
            var translations = ReplyTemplateValidation.Translations(template.Channel, PreferredLanguages.English,
                [.. template.Translations.Select(t => new ReplyTemplateTranslationInput(t.Language, t.Subject, t.Body))]);
            Assert.Null(translations.Failure);
            Assert.Contains(translations.Value!, t => t.Language == PreferredLanguages.Swedish);
            // A subject in English only would greet a Swedish customer in English.
            Assert.All(translations.Value!, t => Assert.Equal(template.Subject is null, t.Subject is null));
        });
    }
}
