namespace Touchpoint.Hosting;

/// <summary>The host a command-line command (import, verify-audit) runs in: Touchpoint's core services without the web.</summary>
public static class CommandHost
{
    /// <summary>
    /// Builds it from <paramref name="settings"/> (the command's <c>--Key=value</c> settings). Starting it checks and migrates
    /// the database exactly as a web start does.
    /// </summary>
    /// <param name="configure">Changes to the services after Touchpoint's own, e.g. a simulated clock.</param>
    public static IHost Build(string[] settings, Action<IServiceCollection>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = settings,
            // As for the web start: appsettings.json beside the binary, ./data relative to where Touchpoint is started.
            ContentRootPath = AppContext.BaseDirectory,
        });
        // A failed start is reported in one sentence, as by Program; the host would log a stack trace too.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);
        builder.Services.Configure<ConsoleLifetimeOptions>(options => options.SuppressStatusMessages = true);
        builder.Services.AddTouchpointCore(builder.Configuration);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }
}
