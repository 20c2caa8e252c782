using System.Diagnostics;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Touchpoint.Features.Telemetry;

public static class TelemetrySetup
{
    /// <summary>
    /// The <see cref="TouchpointMeter"/> always (nothing is read until something listens), and OpenTelemetry's traces
    /// and metrics of ASP.NET Core, EF Core, Npgsql and the runtime when an exporter is set (<see cref="TelemetrySettings"/>).
    /// Whether OpenTelemetry is set up at all is decided here, so the settings are read from the configuration as it
    /// stands when services are registered: appsettings, environment and command line.
    /// </summary>
    public static IServiceCollection AddTouchpointTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = TelemetrySettings.FromConfiguration(configuration);
        services.AddSingleton(settings);
        services.AddSingleton<OperationalFiguresCache>();
        services.AddSingleton<TouchpointMeter>();
        if (!settings.Exporting)
        {
            return services;
        }

        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("touchpoint", serviceVersion: typeof(TelemetrySetup).Assembly.GetName().Version?.ToString()))
            .WithTracing(tracing =>
            {
                tracing.AddAspNetCoreInstrumentation(options =>
                    {
                        options.Filter = context => !IsProbeOrScrape(context.Request.Path);
                        options.EnrichWithHttpResponse = KeepOnlyTheRoute;
                    })
                    // .NET's own HttpClient spans: calls to TMF621 listeners and SMS gateways.
                    .AddSource("System.Net.Http")
                    .AddNpgsql();
                if (settings.OtlpEndpoint is { } endpoint)
                {
                    tracing.AddOtlpExporter(options => { options.Endpoint = endpoint; options.Protocol = settings.OtlpProtocol; });
                }

                if (settings.Console)
                {
                    tracing.AddConsoleExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation()
                    .AddMeter("System.Net.Http")
                    .AddRuntimeInstrumentation()
                    .AddNpgsqlInstrumentation()
                    // EF Core's own meter: queries, saves, optimistic-concurrency failures, on SQLite and PostgreSQL.
                    .AddMeter("Microsoft.EntityFrameworkCore")
                    .AddMeter(TouchpointMeter.Name);
                if (settings.OtlpEndpoint is { } endpoint)
                {
                    metrics.AddOtlpExporter(options => { options.Endpoint = endpoint; options.Protocol = settings.OtlpProtocol; });
                }

                if (settings.Console)
                {
                    metrics.AddConsoleExporter();
                }

                if (settings.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        return services;
    }

    /// <summary>
    /// Creates the Touchpoint meter and, when Prometheus is on, answers scrapes at <c>/metrics</c>. When it is off a
    /// scraper gets a 404 saying so, rather than the sign-in page an unknown address leads an anonymous caller to.
    /// </summary>
    public static WebApplication MapTouchpointTelemetry(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        _ = app.Services.GetRequiredService<TouchpointMeter>();
        if (app.Services.GetRequiredService<TelemetrySettings>().Prometheus)
        {
            // Scrapers do not sign in: keep /metrics off the public network (docs/scale-out.md).
            app.MapPrometheusScrapingEndpoint(TelemetrySettings.MetricsPath).AllowAnonymous();
        }
        else
        {
            app.MapGet(TelemetrySettings.MetricsPath, () => TypedResults.Problem(
                    statusCode: StatusCodes.Status404NotFound,
                    title: "Not found.",
                    detail: $"Metrics are not served here; {TelemetrySettings.PrometheusKey}=true turns the Prometheus endpoint on."))
                .AllowAnonymous()
                .ExcludeFromDescription();
        }

        return app;
    }

    /// <summary>
    /// A span names the route (<c>/api/customers/{id}</c>), never the path it was called with: paths hold customers'
    /// ids and the unsubscribe link's secret token, and a collector is one more place personal data would go
    /// (docs/privacy.md). The query and the caller's address are left out for the same reason.
    /// </summary>
    internal static void KeepOnlyTheRoute(Activity activity, HttpResponse response)
    {
        var route = (response.HttpContext.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText;
        activity.SetTag("url.path", route ?? "(no route)");
        activity.SetTag("url.query", null);
        activity.SetTag("client.address", null);
    }

    // Load balancers probe every few seconds and Prometheus scrapes: as traces they would drown the requests.
    private static bool IsProbeOrScrape(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments(TelemetrySettings.MetricsPath, StringComparison.OrdinalIgnoreCase);
}
