using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Touchpoint.Data;
using Touchpoint.Demo;
using Touchpoint.Features.Identity;

namespace Touchpoint.Hosting;

/// <summary>Tells a new user, once the server listens, where to go and how to sign in.</summary>
internal sealed class StartupBanner(
    IServer server, IHostApplicationLifetime lifetime, DatabaseSettings database, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var url = addresses.FirstOrDefault()?.Replace("127.0.0.1", "localhost", StringComparison.Ordinal) ?? "(no address)";
        Console.WriteLine();
        Console.WriteLine($"  Touchpoint is running at {url}  (API: {url}/api, OpenAPI: {url}/openapi/v1.json)");
        Console.WriteLine($"  Database: {database.Describe()}");
        Console.WriteLine($"  Sign in as '{AdminAccount.UserName}' with the password from {AdminAccount.PasswordKey}, or the one printed at first start.");
        if (configuration.GetValue("Touchpoint:DemoData", true))
        {
            Console.WriteLine($"  Demo users: {string.Join(", ", DemoData.Users.Select(u => $"{u.UserName} ({u.Role})"))}; password '{DemoData.Password}'.");
        }

        Console.WriteLine("  Press Ctrl+C to stop.");
        Console.WriteLine();
    }
}
