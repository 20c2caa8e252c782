using System.Net.Sockets;
using Microsoft.AspNetCore.DataProtection;
using MudBlazor.Services;
using Touchpoint.Components;
using Touchpoint.Data;
using Touchpoint.Demo;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Catalogue;
using Touchpoint.Features.Compensation;
using Touchpoint.Features.Contracts;
using Touchpoint.Features.Coverage;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Feedback;
using Touchpoint.Features.Health;
using Touchpoint.Features.Idempotency;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Import;
using Touchpoint.Features.Inbox;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Leaving;
using Touchpoint.Features.Live;
using Touchpoint.Features.Mail;
using Touchpoint.Features.Merges;
using Touchpoint.Features.Orders;
using Touchpoint.Features.PartnerAgencies;
using Touchpoint.Features.Privacy;
using Touchpoint.Features.Privacy.Objection;
using Touchpoint.Features.Promises;
using Touchpoint.Features.Queues;
using Touchpoint.Features.ReplyTemplates;
using Touchpoint.Features.Sms;
using Touchpoint.Features.Subscriptions;
using Touchpoint.Features.Telemetry;
using Touchpoint.Features.Telephony;
using Touchpoint.Features.TermChanges;
using Touchpoint.Hosting;
using Touchpoint.Tmf;

if (ImportCommand.Matches(args))
{
    return await ImportCommand.RunAsync(args, Console.Out, Console.Error);
}

if (SimulateQueueCommand.Matches(args))
{
    return await SimulateQueueCommand.RunAsync(args, Console.Out, Console.Error);
}

if (VerifyAuditCommand.Matches(args))
{
    return await VerifyAuditCommand.RunAsync(args, Console.Out, Console.Error);
}

try
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = args,
        // appsettings.json sits beside the binary; ./data stays relative to where Touchpoint is started.
        ContentRootPath = AppContext.BaseDirectory,
    });

    // A failed start is reported by Program in one sentence; the host would log a stack trace too.
    builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical);

    builder.Services.AddTouchpointCore(builder.Configuration);
    builder.Services.AddTouchpointHttp(builder.Configuration);
    builder.Services.AddTouchpointHealthChecks();
    builder.Services.AddTouchpointTelemetry(builder.Configuration);
    builder.Services.AddHostedService<StartupBanner>();
    // Promises and deadlines are watched by the running server only, never by a command-line import.
    builder.Services.AddSingleton<DueWatcher>();
    builder.Services.AddHostedService(sp => sp.GetRequiredService<DueWatcher>());
    if (!string.IsNullOrEmpty(builder.Configuration[MailSettings.ImapHostKey]))
    {
        builder.Services.AddHostedService<ImapInboxWatcher>();
    }

    // The server records reads, so the server moves their journal; an import reads nothing.
    builder.Services.AddHostedService<AuditJournalMover>();
    // One chain per database: a second node sealing at the same moment loses on the seal number and tries again.
    builder.Services.AddSingleton<AuditSealer>();
    builder.Services.AddHostedService(sp => sp.GetRequiredService<AuditSealer>());
    builder.Services.AddHostedService<PostgresChangeRelay>();

    builder.Services.AddRazorComponents().AddInteractiveServerComponents();
    builder.Services.AddCascadingAuthenticationState();
    builder.Services.AddScoped<CircuitUser>();
    builder.Services.AddSingleton(StaffTimeZoneResolver.FromConfiguration(builder.Configuration));
    builder.Services.AddScoped<StaffClock>();
    builder.Services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, CircuitUserHandler>();
    builder.Services.AddMudServices();

    var app = builder.Build();

    app.UseExceptionHandler();
    app.UseStatusCodePages();
    app.UseCustomerLanguages();
    app.UseAuthentication();
    app.UseAuthorization();
    app.UseMiddleware<IdempotencyKeys>();
    app.UseWrittenTextInParameters();
    app.UseAntiforgery();

    app.MapStaticAssets().AllowAnonymous();
    app.MapOpenApi();
    app.MapTouchpointTelemetry();
    // Every API endpoint documents the 401 and 403 that authorization answers for it, and audits its reads of personal data.
    var api = app.MapGroup("").WithAuthorizationProblems().WithReadAudit();
    api.MapHealthEndpoints();
    app.MapCustomerLanguageSwitch();
    api.MapAuthEndpoints();
    api.MapUserEndpoints();
    api.MapAgencyCustomerEndpoints();
    api.MapAuditEndpoints();
    api.MapAccountEndpoints();
    api.MapCustomerEndpoints();
    api.MapMergeEndpoints();
    api.MapInteractionEndpoints();
    api.MapCatalogueEndpoints();
    api.MapSubscriptionEndpoints();
    api.MapContractEndpoints();
    api.MapCoverageEndpoints();
    api.MapInboxEndpoints();
    api.MapPromiseEndpoints();
    api.MapCaseEndpoints();
    api.MapCaseConversationEndpoints();
    api.MapReplyTemplateEndpoints();
    api.MapQueueEndpoints();
    api.MapTelephonyEndpoints();
    api.MapQueueBoardEndpoints();
    api.MapSinchCallbackEndpoints();
    api.MapCompensationEndpoints();
    api.MapLeavingEndpoints();
    api.MapTermChangeEndpoints();
    api.MapOrderEndpoints();
    api.MapPrivacyEndpoints();
    api.MapErasureEndpoints();
    api.MapObjectionEndpoints();
    api.MapSurveyEndpoints();
    api.MapTmfApis();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

    await app.RunAsync();
    return 0;
}
catch (Exception e) when (Unwrap(e) is StartupException startup)
{
    Console.Error.WriteLine($"Touchpoint cannot start: {startup.Message}");
    return 1;
}
catch (IOException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || e.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
{
    Console.Error.WriteLine($"Touchpoint cannot start: {e.Message.Split('\n')[0]} Choose another address with --urls http://localhost:PORT.");
    return 1;
}

static Exception Unwrap(Exception e) => e is AggregateException { InnerExceptions.Count: 1 } aggregate ? Unwrap(aggregate.InnerExceptions[0]) : e;

/// <summary>The entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
