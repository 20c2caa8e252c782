using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Domain.Leaving;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Messages;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Leaving;

public sealed record StartLeaveInput(string? Name, string? Subscription, string? Contact);

public sealed record VerifyLeaveInput(string? Code);

/// <param name="Action"><c>withdrawal</c>, <c>cancellation</c> or <c>endWithoutCost</c>.</param>
/// <param name="EffectiveDate">For a cancellation or an ending without cost: a later day to leave on; the earliest lawful day when left out.</param>
/// <param name="Change">For a withdrawal: the change to withdraw from (see <see cref="LeavingChoices.Changes"/>); without it the subscription itself.</param>
public sealed record ConfirmLeaveInput(string? Action, DateOnly? EffectiveDate = null, Guid? Change = null);

/// <summary>The same answer whether or not the details matched: the page never tells whether a subscription exists.</summary>
public sealed record LeaveRequestStarted(Guid RequestId, DateTime ExpiresAt, string Message);

/// <summary>Limits on the public page (configuration <c>Touchpoint:Leaving:*</c>).</summary>
public sealed record LeavingSettings(int MaxRequestsPerAddressPerHour, int MaxCodesPerSubscriptionPerHour, TimeSpan ConfirmWindow)
{
    public const string Section = "Touchpoint:Leaving";

    public static LeavingSettings FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        return new LeavingSettings(
            Math.Max(1, section.GetValue("MaxRequestsPerAddressPerHour", 10)),
            Math.Max(1, section.GetValue("MaxCodesPerSubscriptionPerHour", 3)),
            TimeSpan.FromMinutes(Math.Max(1, section.GetValue("ConfirmWindowMinutes", 30))));
    }
}

/// <summary>
/// The public "Cancel or withdraw" flow (CRD-11a, DE-312k, S4-1), no password: the visitor gives name, subscription
/// and contact; when all three match the customer on file, a one-time code goes to the contact details ON FILE; the
/// right code shows what leaving means (withdrawal when still open, else cancellation, with the date and the rule);
/// a second button confirms. The same <see cref="LeavingCommands"/> as for agents and stores do the change.
/// </summary>
/// <remarks>
/// Everything the visitor reads is in their language: the one they chose on the page, else their browser's until they
/// are recognised, then their own as on file (<see cref="CustomerVoices"/>).
/// </remarks>
public sealed class SelfServiceLeaving(
    TouchpointDbContext db, TimeProvider clock, LeavingCommands leaving, LeavingSettings settings, CustomerVoices voices, IHttpContextAccessor http)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>How the visitor is spoken to before they are recognised.</summary>
    public CustomerVoice VisitorVoice => voices.ForVisitor(http.HttpContext);

    /// <summary>How a recognised visitor is spoken to: the language they chose on the page, else their own.</summary>
    public async Task<CustomerVoice> VoiceOfAsync(Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == customerId)
            .Select(c => new { c.PreferredLanguage, c.Jurisdiction }).FirstOrDefaultAsync(cancellationToken);
        return voices.ForRecognised(http.HttpContext, customer?.PreferredLanguage, customer?.Jurisdiction);
    }

    /// <summary>The same words whether or not the details matched.</summary>
    public static string CodeSentMessage(CustomerVoice voice)
    {
        ArgumentNullException.ThrowIfNull(voice);
        return voice.Text("Leave.CodeSent", (int)OneTimeCode.Lifetime.TotalMinutes);
    }

    /// <summary>Too many requests from one address; the page says so in the visitor's language.</summary>
    public string RateLimitedMessage => VisitorVoice["Leave.Error.RateLimited"];

    /// <summary>True when this address has asked too often in the last hour (answered 429, the same for every visitor).</summary>
    public async Task<bool> IsRateLimitedAsync(string? clientAddress, CancellationToken cancellationToken)
    {
        var since = Now.AddHours(-1);
        return await db.LeaveRequests.CountAsync(r => r.ClientAddress == clientAddress && r.CreatedAt > since, cancellationToken)
            >= settings.MaxRequestsPerAddressPerHour;
    }

    public async Task<Outcome<LeaveRequestStarted>> StartAsync(StartLeaveInput input, string? clientAddress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!VisitorDetails.TryCreate(input.Name, input.Subscription, input.Contact, out var details, out var field, out _))
        {
            return new Failure.Invalid(field, DetailsError(VisitorVoice, field, input));
        }

        var now = Now;
        var (code, stored) = OneTimeCode.Issue(now);
        var request = new LeaveRequest
        {
            CreatedAt = now,
            ClientAddress = clientAddress,
            CodeHash = stored.Hash,
            CodeSalt = stored.Salt,
            CodeIssuedAt = stored.IssuedAt,
        };

        if (await MatchAsync(details, now, cancellationToken) is { } match)
        {
            request.CustomerId = match.CustomerId;
            request.SubscriptionId = match.SubscriptionId;
            request.SentVia = match.Type;
            request.SentTo = match.Address;
            var voice = voices.ForRecognised(http.HttpContext, match.PreferredLanguage, match.Jurisdiction);
            MessageOutbox.Queue(db, new NewMessage(match.CustomerId, match.CustomerName, match.Type, match.Address,
                voice["Message.Code.Subject"],
                voice.Text("Message.Code.Body", code, (int)OneTimeCode.Lifetime.TotalMinutes),
                MessagePurposes.OneTimeCode,
                TimelineDetail: "A one-time code for the \"Cancel or withdraw\" page, sent to the contact details on file. The code is not shown.")
                { Language = voice.Language }, now);
        }

        // A mismatch is stored too, with a code nobody received: every later answer is the same as for a match.
        db.LeaveRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        return new LeaveRequestStarted(request.Id, stored.ExpiresAt, CodeSentMessage(VisitorVoice));
    }

    /// <summary>Checks the code; the right one shows what leaving means. A wrong, expired or spent code is a 400 naming <c>code</c>.</summary>
    public async Task<Outcome<LeavingChoices>> VerifyAsync(Guid requestId, VerifyLeaveInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = await db.LeaveRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null)
        {
            return new Failure.NotFound(VisitorVoice["Leave.Error.UnknownRequest"]);
        }

        if (request.VerifiedAt is not null && request.TerminationId is null && request.SubscriptionId is { } verified)
        {
            // Verified already (a reload of the page): show the choices again without asking for the code twice.
            return await leaving.ChoicesAsync(verified, cancellationToken);
        }

        var wasSpent = request.FailedAttempts >= OneTimeCode.MaxAttempts;
        var check = request.Code.Check(input.Code, Now);
        if (check.Accepted && request.SubscriptionId is null)
        {
            // The details matched nobody, so no code was sent; a lucky guess must read as a wrong code.
            check = new CodeCheck(CodeCheckResult.Wrong, request.Code with { FailedAttempts = request.FailedAttempts + 1 },
                OneTimeCode.MaxAttempts - request.FailedAttempts - 1, "That code is wrong.");
        }

        request.Apply(check.After);
        await db.SaveChangesAsync(cancellationToken);
        if (!check.Accepted)
        {
            // In the visitor's language, not the customer's: a refusal in the matched customer's language would tell
            // the visitor that the details matched someone.
            return new Failure.Invalid("code", CodeMessage(VisitorVoice, check, wasSpent));
        }

        return await leaving.ChoicesAsync(request.SubscriptionId!.Value, cancellationToken);
    }

    /// <summary>The second step: confirms a withdrawal or cancellation for a verified request, once.</summary>
    public async Task<Outcome<Termination>> ConfirmAsync(Guid requestId, ConfirmLeaveInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var request = await db.LeaveRequests.FirstOrDefaultAsync(r => r.Id == requestId, cancellationToken);
        if (request is null || request.VerifiedAt is not { } verifiedAt || request.SubscriptionId is not { } subscriptionId)
        {
            return new Failure.NotFound(VisitorVoice["Leave.Error.NotVerified"]);
        }

        var voice = await VoiceOfAsync(request.CustomerId!.Value, cancellationToken);
        if (request.TerminationId is not null)
        {
            return new Failure.Conflict(voice["Leave.Error.AlreadyConfirmed"]);
        }

        if (Now > verifiedAt + settings.ConfirmWindow)
        {
            return new Failure.Conflict(voice.Text("Leave.Error.ConfirmWindow", (int)settings.ConfirmWindow.TotalMinutes));
        }

        var customer = await db.Customers.AsNoTracking().Where(c => c.Id == request.CustomerId).Select(c => c.Name).FirstAsync(cancellationToken);
        var requester = new LeavingRequester($"{customer} (self-service)", request.SentVia, request.SentTo);
        var web = Domain.Interactions.InteractionChannel.Web.ToWireName();
        TerminationKind? action = TerminationKinds.TryParse(input.Action, out var parsed, out _) ? parsed : null;
        // The termination and the request's link to it commit together: a request is either confirmed with its
        // termination or not confirmed at all, never a termination the customer's confirm cannot find again.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var outcome = action switch
        {
            TerminationKind.Withdrawal => await leaving.WithdrawAsync(subscriptionId, new WithdrawInput(web, Change: input.Change), requester, cancellationToken),
            TerminationKind.Cancellation => await leaving.CancelAsync(subscriptionId, new CancelInput(web, input.EffectiveDate), requester, cancellationToken),
            TerminationKind.EndWithoutCost => await leaving.EndWithoutCostAsync(subscriptionId, new EndWithoutCostInput(web, EffectiveDate: input.EffectiveDate), requester, cancellationToken),
            _ => new Failure.Invalid("action", "action is required: withdrawal, cancellation or endWithoutCost."),
        };
        if (outcome.Failure is Failure.Conflict refused)
        {
            // What stands in the way is for an agent to explain; the visitor is told where to get that help.
            return new Failure.Conflict(voice["Leave.Error.NotPossible"], new Dictionary<string, object?> { ["reason"] = refused.Message });
        }

        if (outcome.Value is { } termination)
        {
            request.TerminationId = termination.Id;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        return outcome;
    }

    public Task<string> PlanNameAsync(Guid subscriptionId, CancellationToken cancellationToken) =>
        db.Subscriptions.AsNoTracking().Where(s => s.Id == subscriptionId).Select(s => s.Plan!.Name).FirstAsync(cancellationToken);

    /// <summary>What was found wrong with the service, in the customer's words, behind the ending without cost the page offers.</summary>
    public async Task<string?> FindingReasonAsync(CustomerVoice voice, EndWithoutCostOption option, Guid subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(option);
        if (option.FindingId is not { } findingId)
        {
            return null;
        }

        var finding = await db.NonConformityFindings.AsNoTracking().FirstOrDefaultAsync(f => f.Id == findingId && f.SubscriptionId == subscriptionId, cancellationToken);
        var subscription = await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == subscriptionId, cancellationToken);
        return finding is null || subscription is null ? null : LeavingTexts.FindingReason(voice, finding, subscription);
    }

    /// <summary>What was wrong with the details, in the visitor's words: the field missing or too long.</summary>
    private static string DetailsError(CustomerVoice voice, string field, StartLeaveInput input)
    {
        var given = field switch
        {
            "name" => input.Name,
            "subscription" => input.Subscription,
            _ => input.Contact,
        };
        if (!string.IsNullOrWhiteSpace(given))
        {
            return voice.Text("Leave.Error.TooLong", VisitorDetails.MaxLength);
        }

        return voice[field switch
        {
            "name" => "Leave.Error.NameMissing",
            "subscription" => "Leave.Error.SubscriptionMissing",
            _ => "Leave.Error.ContactMissing",
        }];
    }

    /// <summary>What a refused code means, in the visitor's words; it never tells whether the details matched.</summary>
    private static string CodeMessage(CustomerVoice voice, CodeCheck check, bool wasSpent) => check.Result switch
    {
        CodeCheckResult.AlreadyUsed => voice["Code.Used"],
        CodeCheckResult.TooManyAttempts => wasSpent ? voice["Code.TooMany"] : voice["Code.WrongLast"],
        CodeCheckResult.Expired => voice.Text("Code.Expired", (int)OneTimeCode.Lifetime.TotalMinutes),
        _ => check.AttemptsLeft == 1 ? voice["Code.Wrong.One"] : voice.Text("Code.Wrong.Many", check.AttemptsLeft),
    };

    private sealed record Match(Guid CustomerId, string CustomerName, Guid SubscriptionId, string Type, string Address, string PreferredLanguage, string? Jurisdiction);

    /// <summary>The customer on file when name, subscription and contact all match a live subscription; null otherwise.</summary>
    private async Task<Match?> MatchAsync(VisitorDetails details, DateTime now, CancellationToken cancellationToken)
    {
        var live = db.Subscriptions.AsNoTracking().Where(s => s.Status != SubscriptionStatus.Terminated);
        var numbers = details.SubscriptionNumbers().ToList();
        var candidates = details.SubscriptionId is { } id
            ? await live.Where(s => s.Id == id).Select(s => new { s.Id, s.CustomerId }).ToListAsync(cancellationToken)
            : await live.Where(s => s.Msisdn != null && numbers.Contains(s.Msisdn)).Select(s => new { s.Id, s.CustomerId }).ToListAsync(cancellationToken);
        foreach (var candidate in candidates)
        {
            var customer = await db.Customers.AsNoTracking().Include(c => c.Identities).FirstAsync(c => c.Id == candidate.CustomerId, cancellationToken);
            var jurisdiction = Jurisdictions.TryParse(customer.Jurisdiction, out var parsed, out _) ? parsed : Jurisdiction.SE;
            if (!details.NameMatches(customer.Name))
            {
                continue;
            }

            var contact = customer.Identities.FirstOrDefault(i =>
                IdentityKinds.TryParse(i.Kind, out var kind, out _) && details.ContactMatches(kind, i.Value, jurisdiction));
            if (contact is null)
            {
                continue;
            }

            // Codes to one subscription are capped, so nobody can flood a customer's phone: past the cap, answer as for a mismatch.
            var since = now.AddHours(-1);
            if (await db.LeaveRequests.CountAsync(r => r.SubscriptionId == candidate.Id && r.CreatedAt > since, cancellationToken) >= settings.MaxCodesPerSubscriptionPerHour)
            {
                return null;
            }

            var type = contact.Kind == IdentityKind.Email.ToWireName() ? MessageTypes.Email : MessageTypes.Sms;
            return new Match(customer.Id, customer.Name, candidate.Id, type, contact.Value, customer.PreferredLanguage, customer.Jurisdiction);
        }

        return null;
    }
}
