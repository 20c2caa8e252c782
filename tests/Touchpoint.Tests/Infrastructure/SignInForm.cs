namespace Touchpoint.Tests.Infrastructure;

/// <summary>The sign-in page driven as a browser drives it, for tests of what a web sign-in does.</summary>
public static class SignInForm
{
    /// <summary>Posts the sign-in form as a browser does: with the antiforgery token of the page it was served on.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient browser, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(browser);
        var form = await browser.GetStringAsync("/signin", TestContext.Current.CancellationToken);
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.False(string.IsNullOrEmpty(token), "The sign-in page carries an antiforgery token.");
        using var body = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "signin",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
        });
        return await browser.PostAsync("/signin", body, TestContext.Current.CancellationToken);
    }
}
