using Touchpoint.Features.Messages;

namespace Touchpoint.Features.Sms;

public static class SmsServices
{
    /// <summary>
    /// SMS in and out. The Sinch gateway is registered only when <c>Touchpoint:Sms:Sinch:*</c> is configured; without
    /// it no gateway carries SMS, so they stay <c>initial</c> on the outbox and the callback URL answers 404.
    /// </summary>
    public static IServiceCollection AddTouchpointSms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(sp => SmsSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddScoped<SmsDeliveryReports>();
        services.AddScoped<InboundSms>();
        if (SinchSettings.IsConfigured(configuration))
        {
            services.AddSingleton(sp => sp.GetRequiredService<SmsSettings>().Sinch!);
            services.AddHttpClient(SinchSettings.HttpClientName)
                .ConfigureHttpClient((sp, client) => client.Timeout = sp.GetRequiredService<SinchSettings>().Timeout)
                // Sinch never redirects its API; following one would hand the bearer token to wherever it points.
                .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
            services.AddSingleton<IMessageGateway, SinchSmsGateway>();
        }

        return services;
    }
}
