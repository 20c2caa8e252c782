using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Touchpoint.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(Touchpoint.Browser.Tests.TouchpointApp))]

namespace Touchpoint.Browser.Tests;

/// <summary>
/// The real Touchpoint on a real loopback port with a fresh SQLite file, and Debian's Chromium
/// driven by Playwright. One per test run: starting either takes seconds.
/// </summary>
public sealed class TouchpointApp : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    public const string AdminPassword = "browser-tests-admin";
    public const string DemoPassword = "touchpoint-demo";

    /// <summary>Set TP_SCREENSHOTS to a folder to keep screenshots of the pages the tests visit.</summary>
    public static readonly string? ScreenshotDirectory = Environment.GetEnvironmentVariable("TP_SCREENSHOTS");

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"touchpoint-browser-{Guid.NewGuid():N}");
    private Factory? factory;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Why the browser tests cannot run here; null when they can.</summary>
    public string? SkipReason { get; private set; }

    /// <summary>Now on the clock the app runs on (the system's, as the pages show real time): tests date what they type and expect from it.</summary>
    public DateTime UtcNow => (factory?.Services.GetRequiredService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().UtcDateTime;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            SkipReason = $"{ChromiumPath} is missing; install Debian's chromium package (apt-get install chromium) to run the browser tests.";
            return;
        }

        Directory.CreateDirectory(dataDirectory);
        Smtp = TestSmtpServer.Start();
        factory = new Factory(Path.Combine(dataDirectory, "touchpoint.db"), Smtp);
        // Port 0: the OS picks a free one, so parallel runs on one machine do not collide.
        factory.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        BaseAddress = new Uri(addresses.First());

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A fresh browser profile (no cookies) with a page; skips the test when there is no browser.</summary>
    /// <param name="locale">The browser's language, which it sends as <c>Accept-Language</c>.</param>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, string locale = "en-GB")
    {
        if (SkipReason is not null)
        {
            Assert.Skip(SkipReason);
        }

        var context = await browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = locale,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>The SMTP server the app sends its e-mail to.</summary>
    public TestSmtpServer Smtp { get; private set; } = default!;

    /// <summary>The app's services, for a test that sets up mail or runs the watcher itself.</summary>
    public IServiceProvider Services => factory!.Services;

    /// <summary>
    /// Runs the watcher (the app's own may be running it too) until <paramref name="done"/>, within the 15 s a page
    /// step gets.
    /// </summary>
    public async Task RunWatcherUntilAsync(Func<Task<bool>> done)
    {
        ArgumentNullException.ThrowIfNull(done);
        var watcher = Services.GetRequiredService<Touchpoint.Hosting.DueWatcher>();
        for (var attempt = 0; attempt < 150; attempt++)
        {
            await watcher.RunOnceAsync(TestContext.Current.CancellationToken);
            if (await done())
            {
                return;
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("The watcher did not get there within 15 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        if (Smtp is not null)
        {
            await Smtp.DisposeAsync();
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment; a leftover temp folder is harmless.
        }
    }

    private sealed class Factory(string databasePath, TestSmtpServer smtp) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            foreach (var (key, value) in smtp.Settings)
            {
                builder.UseSetting(key, value);
            }

            builder.UseSetting("ConnectionStrings:Touchpoint", $"Data Source={databasePath}");
            builder.UseSetting("Touchpoint:Database:Provider", "sqlite");
            builder.UseSetting("Touchpoint:AdminPassword", AdminPassword);
            builder.UseSetting("Touchpoint:DemoData", "true");
            builder.UseSetting(Touchpoint.Demo.DemoData.GeneratedCustomersKey, "200");
        }
    }
}
