namespace Touchpoint.Tests.Api;

public sealed record CreatedUser(string Id, string UserName, string Password);

/// <summary>
/// Shared plumbing of the API tests. Each test class has one app (class fixture) per provider; tests that
/// change state do it to users of their own, so they do not interfere with each other.
/// </summary>
public abstract class ApiTestBase
{
    protected ApiTestBase(TouchpointApp app)
    {
        App = app;
        app.SkipUnlessUsable();
    }

    protected TouchpointApp App { get; }

    protected static CancellationToken Cancel => TestContext.Current.CancellationToken;

    protected static string UniqueUserName(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    /// <summary>Creates a user through the API (as admin) and returns it with its password.</summary>
    protected async Task<CreatedUser> CreateUserAsync(string role = "Agent", string? userName = null)
    {
        using var admin = await App.CreateAdminClientAsync();
        var name = userName ?? UniqueUserName();
        const string password = "long-enough-password";
        using var response = await admin.PostAsJsonAsync("/api/users", new { userName = name, password, role }, Cancel);
        var created = await HttpAssert.JsonAsync(response, HttpStatusCode.Created);
        return new CreatedUser(created.GetProperty("id").GetString()!, name, password);
    }

    /// <summary>GET /api/audit as admin with the given query; returns the entries, newest first.</summary>
    protected async Task<List<JsonElement>> AuditAsync(string query)
    {
        using var admin = await App.CreateAdminClientAsync();
        using var response = await admin.GetAsync($"/api/audit?{query}", Cancel);
        var entries = await HttpAssert.JsonAsync(response);
        return entries.EnumerateArray().ToList();
    }
}
