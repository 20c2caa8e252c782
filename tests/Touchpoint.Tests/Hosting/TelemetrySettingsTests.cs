using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Configuration;
using Touchpoint.Features.Health;
using Touchpoint.Features.Telemetry;
using Touchpoint.Hosting;

namespace Touchpoint.Tests.Hosting;

/// <summary>Telemetry and readiness settings, and what a request's span keeps; no database involved.</summary>
public sealed class TelemetrySettingsTests
{
    [Fact]
    public void Every_exporter_is_off_unless_set()
    {
        var settings = TelemetrySettings.FromConfiguration(Configuration([]));

        Assert.False(settings.Exporting);
        Assert.Null(settings.OtlpEndpoint);
        Assert.Equal(TimeSpan.FromSeconds(10), settings.FiguresMaxAge);
    }

    [Theory]
    [InlineData(TelemetrySettings.OtlpEndpointKey, "collector:4317")]
    [InlineData(TelemetrySettings.OtlpEndpointKey, "ftp://collector")]
    [InlineData(TelemetrySettings.OtlpProtocolKey, "udp")]
    [InlineData(TelemetrySettings.PrometheusKey, "yes please")]
    [InlineData(TelemetrySettings.FiguresSecondsKey, "0")]
    [InlineData(ReadinessSettings.OutboxBacklogLimitKey, "0")]
    public void A_setting_that_cannot_work_stops_the_start_with_a_sentence_naming_it(string key, string value)
    {
        var configuration = Configuration(new() { [key] = value });

        var refused = Assert.Throws<StartupException>(() =>
        {
            _ = TelemetrySettings.FromConfiguration(configuration);
            _ = ReadinessSettings.FromConfiguration(configuration);
        });

        Assert.StartsWith(key, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_collector_set_turns_telemetry_on()
    {
        var settings = TelemetrySettings.FromConfiguration(Configuration(new()
        {
            [TelemetrySettings.OtlpEndpointKey] = "http://collector:4318",
            [TelemetrySettings.OtlpProtocolKey] = "http/protobuf",
        }));

        Assert.True(settings.Exporting);
        Assert.Equal(new Uri("http://collector:4318"), settings.OtlpEndpoint);
        Assert.Equal(OpenTelemetry.Exporter.OtlpExportProtocol.HttpProtobuf, settings.OtlpProtocol);
    }

    [Fact]
    public void A_span_names_the_route_never_the_path_it_was_called_with()
    {
        using var span = new Activity("request");
        span.SetTag("url.path", "/unsubscribe/secret-token-of-a-customer");
        span.SetTag("url.query", "?q=Redacted");
        span.SetTag("client.address", "203.0.113.7");
        var context = new DefaultHttpContext();
        context.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/unsubscribe/{token}"), 0, EndpointMetadataCollection.Empty, "unsubscribe"));

        TelemetrySetup.KeepOnlyTheRoute(span, context.Response);

        Assert.Equal("/unsubscribe/{token}", span.GetTagItem("url.path"));
        Assert.Null(span.GetTagItem("url.query"));
        Assert.Null(span.GetTagItem("client.address"));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
