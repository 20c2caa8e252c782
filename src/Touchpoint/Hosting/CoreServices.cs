using Microsoft.AspNetCore.DataProtection;
using Touchpoint.Data;
using Touchpoint.Demo;
using Touchpoint.Domain.Compensation;
using Touchpoint.Domain.Messages;
using Touchpoint.Domain.Promises;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Compensation;
using Touchpoint.Features.Contracts;
using Touchpoint.Features.Coverage;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Feedback;
using Touchpoint.Features.Idempotency;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Import;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Leaving;
using Touchpoint.Features.Mail;
using Touchpoint.Features.Merges;
using Touchpoint.Features.Messages;
using Touchpoint.Features.Orders;
using Touchpoint.Features.Privacy;
using Touchpoint.Features.Privacy.Objection;
using Touchpoint.Features.Promises;
using Touchpoint.Features.Queues;
using Touchpoint.Features.ReplyTemplates;
using Touchpoint.Features.Sms;
using Touchpoint.Features.Subscriptions;
using Touchpoint.Features.Telephony;
using Touchpoint.Features.TermChanges;
using Touchpoint.Tmf;

namespace Touchpoint.Hosting;

public static class CoreServices
{
    /// <summary>
    /// What every way of running Touchpoint needs — the web server and the command-line import alike:
    /// clock, acting user, database (with its initializer: migrations, admin, demo data), identity and commands.
    /// </summary>
    public static IServiceCollection AddTouchpointCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(TimeProvider.System);

        // Checked first of all hosted services: a rules file that loosens the law stops the start before anything is migrated or seeded.
        services.AddSingleton(sp => ContractRulesSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddHostedService<ContractRulesCheck>();
        services.AddHttpContextAccessor();
        services.AddSingleton<CurrentActor>();
        services.AddTouchpointDatabase();
        services.AddTouchpointIdentity(configuration);
        services.AddDataProtection().SetApplicationName("Touchpoint").PersistKeysToDbContext<TouchpointDbContext>();
        services.AddScoped<DemoData>();
        services.AddScoped<StoryCustomers>();
        services.AddScoped<CustomerCommands>();
        services.AddScoped<MarketingObjections>();
        services.AddSingleton<UnsubscribeLinks>();
        services.AddScoped<MergeCommands>();
        services.AddScoped<InteractionCommands>();
        services.AddScoped<ContractSummaries>();
        services.AddScoped<CoverageChecker>();
        services.AddScoped<OrderChecks>();
        services.AddScoped<PortOutRequests>();
        services.AddScoped<OrderExecution>();
        services.AddScoped<OrderCommands>();
        services.AddScoped<IDueWork, OrderWatch>();
        services.AddScoped<QualificationChecks>();
        services.AddScoped<SubscriptionCommands>();
        services.AddSingleton(PromiseWatch.Default);
        services.AddScoped<PromiseKeeping>();
        services.AddScoped<PromiseCommands>();
        services.AddScoped<IDueWork, PromiseWatcher>();
        services.AddSingleton(sp => CaseSla.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddScoped<OwnerOnlyCheck>();
        services.AddScoped<CaseCommands>();
        services.AddScoped<IDueWork, CaseSlaWatch>();
        services.AddSingleton(CompensationPolicy.Default);
        services.AddSingleton(sp => CompensationSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddHostedService<CompensationSettingsCheck>();
        services.AddScoped<CompensationCommands>();
        services.AddScoped<TroubleTicketEvents>();
        services.AddScoped<IDueWork, OutboxDelivery>();
        services.AddScoped<IDueWork, IdempotencyExpiry>();
        // A listener gets a short time to answer and is never followed elsewhere: a redirect is its misconfiguration.
        services.AddHttpClient(OutboxDelivery.HttpClientName, client => client.Timeout = OutboxDelivery.Timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false, ConnectTimeout = OutboxDelivery.Timeout });
        services.AddSingleton(sp => MailSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<DatabaseSettings>()));
        services.AddHostedService<MailSettingsCheck>();
        services.AddSingleton(sp => EmailGateway.Transport(sp.GetRequiredService<MailSettings>()));
        services.AddSingleton<IMessageGateway, EmailGateway>();
        services.AddSingleton(DeliveryRetry.Default);
        services.AddSingleton<DeliveredMessages>();
        services.AddScoped<IDueWork, MessageDelivery>();
        services.AddScoped<MailTeam>();
        services.AddScoped<InboundMail>();
        services.AddScoped<CaseReplies>();
        services.AddScoped<ReplyTemplateCommands>();
        services.AddScoped<QueueCommands>();
        services.AddScoped<EventGate>();
        services.AddScoped<QueueWaits>();
        services.AddScoped<AgentClaims>();
        services.AddScoped<CallCommands>();
        services.AddScoped<CallbackCommands>();
        services.AddScoped<CallbackDispatcher>();
        services.AddScoped<AgentCommands>();
        services.AddScoped<IDueWork, CallbackDue>();
        services.AddScoped<ReplyTemplateRendering>();
        services.AddScoped<IDueWork, MailDropFolder>();
        services.AddTouchpointSms();
        services.AddSingleton<ImapInbox>();
        services.AddSingleton(sp => LeavingSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddScoped<LeavingCommands>();
        services.AddScoped<NonConformityFindings>();
        services.AddScoped<SelfServiceLeaving>();
        services.AddScoped<OrderConfirmation>();
        services.AddLocalization();
        services.AddSingleton<CustomerVoices>();
        services.AddScoped<IDueWork, TerminationWatcher>();
        services.AddSingleton(sp => SurveySettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddHostedService<SurveySettingsCheck>();
        services.AddSingleton<SurveyScheduling>();
        services.AddSingleton<SurveyAnswerThrottle>();
        services.AddScoped<SurveyFollowUps>();
        services.AddScoped<SurveyAnswers>();
        services.AddScoped<IDueWork, SurveyDispatcher>();
        services.AddScoped<TermChangeCommands>();
        services.AddScoped<IDueWork, TermChangeWatcher>();
        services.AddScoped<Importer>();
        // Every provider moves what a file journal holds (one left from before on PostgreSQL too); only SQLite writes one.
        services.AddSingleton<AuditJournal>();
        services.AddSingleton<DatabaseReadJournal>();
        services.AddSingleton<IReadJournal>(sp => sp.GetRequiredService<DatabaseSettings>().Provider == DatabaseProvider.Postgres
            ? sp.GetRequiredService<DatabaseReadJournal>()
            : sp.GetRequiredService<AuditJournal>());
        services.AddScoped<ReadAudit>();
        services.AddScoped<AuditDisclosure>();
        services.AddScoped<AuditVerification>();
        services.AddScoped<PersonalDataExports>();
        services.AddScoped<IDueWork, ExportGeneration>();
        services.AddSingleton(sp => RetentionSettings.FromConfiguration(sp.GetRequiredService<IConfiguration>()));
        services.AddHostedService<RetentionSettingsCheck>();
        services.AddScoped<Erasures>();
        services.AddScoped<IDueWork, ErasureExecution>();
        services.AddScoped<IDueWork, RetentionPurge>();
        return services;
    }
}
