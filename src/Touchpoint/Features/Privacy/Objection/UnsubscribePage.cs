using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Privacy.Objection;

/// <summary>
/// The page behind an unsubscribe link, in the look of the public "Cancel or withdraw" page: GET shows one button and
/// records nothing (mail scanners follow links); the button posts to the same address, as a mail program's one click
/// does. A plain page rather than a Blazor one, because the one-click POST and the button's POST are one endpoint.
/// </summary>
internal static class UnsubscribePage
{
    private const string Title = "Stop marketing";

    /// <summary>What a forged, altered or outdated link answers, as a page and as a problem.</summary>
    internal const string NotValid = "This unsubscribe link is not valid. Reply to our e-mail or call us, and we stop all marketing to you.";

    internal static ContentHttpResult Show(string token, UnsubscribeLinks links)
    {
        if (!links.TryRead(token, out _))
        {
            return Page(StatusCodes.Status404NotFound, $"<p data-testid=\"unsubscribe-invalid\">{NotValid}</p>");
        }

        var action = HtmlEncoder.Default.Encode($"/unsubscribe/{Uri.EscapeDataString(token)}");
        return Page(StatusCodes.Status200OK, $"""
            <p>With one click you object to direct marketing (GDPR Art. 21): we send you no offers by e-mail, SMS, letter or
               phone any more, and nobody calls you to sell on our behalf. Messages about your subscriptions, bills and cases still reach you.</p>
            <form method="post" action="{action}" data-testid="unsubscribe-form">
                <input type="hidden" name="List-Unsubscribe" value="One-Click" />
                <button type="submit" class="tp-leave-button" data-testid="unsubscribe-button">Stop all marketing to me</button>
            </form>
            """);
    }

    /// <summary>The page after the button: done, done before, or a link that is not valid.</summary>
    internal static ContentHttpResult Answer(ObjectionRecorded? recorded) => recorded switch
    {
        null => Page(StatusCodes.Status404NotFound, $"<p data-testid=\"unsubscribe-invalid\">{NotValid}</p>"),
        { AlreadyRecorded: true } => Page(StatusCodes.Status200OK,
            "<div class=\"tp-leave-done\" data-testid=\"unsubscribe-done\"><p>You had already objected to marketing: nothing more to do. We send you no marketing in any channel.</p></div>"),
        _ => Page(StatusCodes.Status200OK,
            $"<div class=\"tp-leave-done\" data-testid=\"unsubscribe-done\"><p>Done: we send you no marketing in any channel from now on.</p><p>Recorded {recorded.RecordedAt:yyyy-MM-dd HH:mm} UTC.</p></div>"),
    };

    /// <summary>A browser (its form, or a person opening the link) gets a page; a mail program's one click and API clients get JSON.</summary>
    internal static bool WantsHtml(HttpRequest request) =>
        request.Headers.Accept.Any(value => value?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true);

    /// <summary>Who the timeline names for an objection by link, and from where in the audit.</summary>
    internal static Actor LinkActor(HttpRequest request) =>
        new(null, "unsubscribe-link", CurrentActor.FormatAddress(request.HttpContext.Connection.RemoteIpAddress), "email")
        {
            DisplayName = "Unsubscribe link in an e-mail",
        };

    private static ContentHttpResult Page(int status, string body) => TypedResults.Content($"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
            <meta charset="utf-8" />
            <meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <meta name="robots" content="noindex" />
            <title>{Title} · Touchpoint</title>
            <link rel="stylesheet" href="/app.css" />
        </head>
        <body>
            <main>
                <div class="tp-leave">
                    <h1>{Title}</h1>
                    {body}
                </div>
            </main>
            <footer class="tp-footer"><a href="/leave">Cancel or withdraw</a></footer>
        </body>
        </html>
        """, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
