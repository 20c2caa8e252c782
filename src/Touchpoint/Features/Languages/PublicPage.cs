using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Touchpoint.Features.Languages;

/// <summary>
/// The shell of the plain public pages a customer reaches from a link without signing in (unsubscribe, survey): the
/// look of the "Cancel or withdraw" page, in the customer's language, with the way to leave in the footer. Plain HTML
/// rather than Blazor: one request, no circuit, any phone.
/// </summary>
internal static class PublicPage
{
    /// <summary>Markup escaped, letters of every language kept as they are (the page is UTF-8).</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    internal static string Encode(string text) => Html.Encode(text);

    /// <param name="body">Markup inside the page's box, below its heading; every text in it encoded by the caller.</param>
    /// <param name="boxClass">A class of the page's own beside <c>tp-leave</c>.</param>
    internal static ContentHttpResult Render(int status, string title, string body, CustomerVoice voice, string? boxClass = null)
    {
        ArgumentNullException.ThrowIfNull(voice);
        return TypedResults.Content($"""
            <!DOCTYPE html>
            <html lang="{voice.Language}">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1.0" />
                <meta name="robots" content="noindex" />
                <title>{Encode(title)} · Touchpoint</title>
                <link rel="stylesheet" href="/app.css" />
            </head>
            <body>
                <main>
                    <div class="tp-leave{(boxClass is null ? "" : " " + boxClass)}">
                        <h1>{Encode(title)}</h1>
                        {body}
                    </div>
                </main>
                <footer class="tp-footer"><a href="/leave">{Encode(voice["Leave.Title"])}</a></footer>
            </body>
            </html>
            """, "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
