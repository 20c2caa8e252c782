using Touchpoint.Features.Messages;

namespace Touchpoint.Features.Sms;

public static class SmsServices
{
    /// <summary>
    /// SMS in and out. The Sinch gateway carries SMS only when <c>Touchpoint:Sms:Sinch:*</c> is configured (read from the
    /// host's final configuration, when the gateway is first needed); without it no gateway carries SMS, so they stay
    /// <c>initial</c> on the outbox and the callback URL answers 404.
    /// </summary>
    public static IServiceCollection AddTouchpointSms(this IServiceCollection services)
    {
        services.AddSingleton(sp => SmsSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddHostedService<SmsSettingsCheck>();
        services.AddScoped<SmsDeliveryReports>();
        services.AddScoped<InboundSms>();
        services.AddHttpClient(SinchSettings.HttpClientName)
            .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<SmsSettings>().Sinch?.Timeout ?? TimeSpan.FromSeconds(30))
            // Sinch never redirects its API; following one would hand the bearer token to wherever it points.
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<IMessageGateway, SinchSmsGateway>();
        return services;
    }
}

/// <summary>Reads the SMS settings at start, so a half-configured Sinch stops Touchpoint with the setting named, not the first SMS.</summary>
internal sealed class SmsSettingsCheck(SmsSettings settings) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = settings.ThreadDays;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
