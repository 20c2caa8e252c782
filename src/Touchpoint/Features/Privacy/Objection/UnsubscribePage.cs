using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Features.Languages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Privacy.Objection;

/// <summary>
/// The page behind an unsubscribe link, in the look of the public "Cancel or withdraw" page: GET shows one button and
/// records nothing (mail scanners follow links); the button posts to the same address, as a mail program's one click
/// does. A plain page rather than a Blazor one, because the one-click POST and the button's POST are one endpoint.
/// </summary>
internal static class UnsubscribePage
{
    /// <summary>What a forged, altered or outdated link answers an API client, as a problem (a browser gets it in its language).</summary>
    internal const string NotValid = "This unsubscribe link is not valid. Reply to our e-mail or call us, and we stop all marketing to you.";

    internal static async Task<ContentHttpResult> Show(
        string token, UnsubscribeLinks links, HttpContext context, CustomerVoices voices, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        var voice = await VoiceAsync(token, links, context, voices, db, cancellationToken);
        if (!links.TryRead(token, out _))
        {
            return Page(StatusCodes.Status404NotFound, $"<p data-testid=\"unsubscribe-invalid\">{Encode(voice["Unsubscribe.NotValid"])}</p>", voice);
        }

        var action = HtmlEncoder.Default.Encode($"/unsubscribe/{Uri.EscapeDataString(token)}");
        return Page(StatusCodes.Status200OK, $"""
            <p>{Encode(voice["Unsubscribe.Explain"])}</p>
            <form method="post" action="{action}" data-testid="unsubscribe-form">
                <input type="hidden" name="List-Unsubscribe" value="One-Click" />
                <button type="submit" class="tp-leave-button" data-testid="unsubscribe-button">{Encode(voice["Unsubscribe.Button"])}</button>
            </form>
            """, voice);
    }

    /// <summary>The page after the button: done, done before, or a link that is not valid.</summary>
    internal static ContentHttpResult Answer(ObjectionRecorded? recorded, CustomerVoice voice) => recorded switch
    {
        null => Page(StatusCodes.Status404NotFound, $"<p data-testid=\"unsubscribe-invalid\">{Encode(voice["Unsubscribe.NotValid"])}</p>", voice),
        { AlreadyRecorded: true } => Page(StatusCodes.Status200OK,
            $"<div class=\"tp-leave-done\" data-testid=\"unsubscribe-done\"><p>{Encode(voice["Unsubscribe.Already"])}</p></div>", voice),
        _ => Page(StatusCodes.Status200OK,
            $"<div class=\"tp-leave-done\" data-testid=\"unsubscribe-done\"><p>{Encode(voice["Unsubscribe.Done"])}</p>{(recorded.RecordedAt is { } at ? $"<p>{Encode(voice.Text("Unsubscribe.Recorded", voice.Time(at)))}</p>" : "")}</div>", voice),
    };

    /// <summary>
    /// The language the page speaks: the one the visitor chose, else the customer's the link was made for, else the
    /// browser's for a link that names nobody.
    /// </summary>
    internal static async Task<CustomerVoice> VoiceAsync(
        string token, UnsubscribeLinks links, HttpContext context, CustomerVoices voices, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        if (!links.TryRead(token, out var customerId))
        {
            return voices.ForVisitor(context);
        }

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.PreferredLanguage, c.Jurisdiction }).FirstOrDefaultAsync(cancellationToken);
        return customer is null ? voices.ForVisitor(context) : voices.ForRecognised(context, customer.PreferredLanguage, customer.Jurisdiction);
    }

    /// <summary>A browser (its form, or a person opening the link) gets a page; a mail program's one click and API clients get JSON.</summary>
    internal static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.Any(value => value?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Who the timeline names for an objection by link, and from where in the audit.</summary>
    internal static Actor LinkActor(HttpRequest request) =>
        new(null, "unsubscribe-link", CurrentActor.FormatAddress(request.HttpContext.Connection.RemoteIpAddress), "email")
        {
            DisplayName = "Unsubscribe link in an e-mail",
        };

    private static string Encode(string text) => PublicPage.Encode(text);

    private static ContentHttpResult Page(int status, string body, CustomerVoice voice) => PublicPage.Render(status, voice["Unsubscribe.Title"], body, voice);
}
