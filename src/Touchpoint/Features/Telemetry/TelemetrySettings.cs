using OpenTelemetry.Exporter;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Telemetry;

/// <summary>
/// Where traces and metrics go. Every exporter is off by default: nothing listens and nothing is sent until set.
/// </summary>
/// <param name="OtlpEndpoint">An OpenTelemetry collector (<c>http://collector:4317</c>); null when off.</param>
/// <param name="Prometheus">Whether <c>/metrics</c> answers Prometheus scrapes.</param>
/// <param name="Console">Whether traces and metrics are written to standard output (for a look, not for production).</param>
/// <param name="FiguresMaxAge">How long the gauges' figures are reused before the database is asked again.</param>
public sealed record TelemetrySettings(Uri? OtlpEndpoint, OtlpExportProtocol OtlpProtocol, bool Prometheus, bool Console, TimeSpan FiguresMaxAge)
{
    public const string OtlpEndpointKey = "Touchpoint:Telemetry:Otlp:Endpoint";
    public const string OtlpProtocolKey = "Touchpoint:Telemetry:Otlp:Protocol";
    public const string PrometheusKey = "Touchpoint:Telemetry:Prometheus";
    public const string ConsoleKey = "Touchpoint:Telemetry:Console";
    public const string FiguresSecondsKey = "Touchpoint:Telemetry:FiguresSeconds";

    public const string MetricsPath = "/metrics";

    /// <summary>Whether any exporter is on; otherwise OpenTelemetry is not even set up.</summary>
    public bool Exporting => OtlpEndpoint is not null || Prometheus || Console;

    public static TelemetrySettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Uri? endpoint = null;
        if (configuration[OtlpEndpointKey] is { Length: > 0 } text
            && (!Uri.TryCreate(text, UriKind.Absolute, out endpoint) || endpoint.Scheme is not ("http" or "https")))
        {
            throw new StartupException($"{OtlpEndpointKey} is '{text}'; it is the address of an OpenTelemetry collector, such as http://collector:4317, or empty for none.");
        }

        var protocol = configuration[OtlpProtocolKey] switch
        {
            null or "" or "grpc" => OtlpExportProtocol.Grpc,
            "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            var other => throw new StartupException($"{OtlpProtocolKey} is '{other}'; it is grpc (the default, port 4317) or http/protobuf (port 4318)."),
        };
        var seconds = Flag(configuration, FiguresSecondsKey, 10.0);
        if (seconds is < 1 or > 3600)
        {
            throw new StartupException($"{FiguresSecondsKey} is {seconds}; it is how many seconds the outbox, watcher, audit and queue gauges are reused, from 1 to 3600.");
        }

        return new TelemetrySettings(endpoint, protocol, Flag(configuration, PrometheusKey, false), Flag(configuration, ConsoleKey, false), TimeSpan.FromSeconds(seconds));
    }

    private static T Flag<T>(IConfiguration configuration, string key, T fallback)
    {
        try
        {
            return configuration.GetValue(key, fallback)!;
        }
        catch (InvalidOperationException e)
        {
            throw new StartupException($"{key} is '{configuration[key]}', which is not a {(typeof(T) == typeof(bool) ? "true or false" : "number")}.", e);
        }
    }
}
