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
