using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Interactions;
using Touchpoint.Features.Languages;
using Touchpoint.Features.Queues;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Cases;

public sealed record CreateCaseInput(
    Guid? CustomerId, string? Type, string? Priority, string? Channel, string? Need, IReadOnlyList<string?>? Questions,
    Guid? SubscriptionId, string? Queue, string? RootCause);

/// <summary>A case just opened and the rows that opened it: its questions, its first owner, its first status and its timeline entry.</summary>
public sealed record OpenedCase(
    Case Case, IReadOnlyList<CaseQuestion> Questions, CaseOwnerHistoryEntry Owner, CaseStatusChange FirstStatus, TimelineEntry Opened, CaseCustomer Customer);

public sealed partial class CaseCommands
{
    public async Task<Outcome<Case>> CreateAsync(CreateCaseInput input, CancellationToken cancellationToken)
    {
        var opened = await OpenAsync(input, cancellationToken);
        return opened.Failure is { } failure ? failure : opened.Value!.Case;
    }

    /// <summary>Opens and saves a case as <see cref="CreateAsync(CreateCaseInput, CancellationToken)"/>, with the rows that opened it, for an answer that need not read them back.</summary>
    public async Task<Outcome<OpenedCase>> OpenAsync(CreateCaseInput input, CancellationToken cancellationToken)
    {
        var added = await AddAsync(input, currentActor.Get(), accountableUserId: null, openedAt: null, cancellationToken);
        if (added.Value is not null)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return added;
    }

    /// <summary>
    /// Opens a case no member of staff received: one that arrived by e-mail goes to a queue, and
    /// <paramref name="accountableUserId"/> (the queue's lead) is where its SLA escalations start (S2-3). The case is
    /// added to the caller's unit of work, not saved: the caller saves it with the message that opened it (and the
    /// customer may be a contact added in that same unit of work). It is opened when the message arrived,
    /// <paramref name="arrivedAt"/>, the instant its contact is recorded at. The customer is told at once, where they
    /// wrote from and in their language, that it arrived, its reference and when they will have an answer.
    /// </summary>
    public async Task<Outcome<Case>> OpenArrivedAsync(
        CreateCaseInput input, Actor arrivedBy, string accountableUserId, DateTime arrivedAt, ArrivedFrom from, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        var added = await AddAsync(input, arrivedBy, accountableUserId, CaseTime.Truncate(arrivedAt), cancellationToken);
        if (added.Value is not { } opened)
        {
            return added.Failure!;
        }

        var answerBy = sla.Read(opened.Case, [], opened.Case.OpenedAt)[SlaTarget.FirstResponse].DueAt;
        CaseAcknowledgement.Queue(db, voices.For(opened.Customer.PreferredLanguage, opened.Customer.Jurisdiction), opened, from, answerBy, arrivedAt);
        return opened.Case;
    }

    /// <summary>
    /// Opens a case on nobody's request but Touchpoint's own (a low survey answer), owned from the start by the member
    /// of staff <paramref name="owner"/> names, who also answers for it. Added to the caller's unit of work, not saved.
    /// </summary>
    public async Task<Outcome<OpenedCase>> OpenForOwnerAsync(CreateCaseInput input, Actor openedBy, StaffMember owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return await AddAsync(input, openedBy, owner.Id, openedAt: null, cancellationToken, new CaseOwner(OwnerKind.User, owner.Id, owner.Name));
    }

    private async Task<Outcome<OpenedCase>> AddAsync(
        CreateCaseInput input, Actor actor, string? accountableUserId, DateTime? openedAt, CancellationToken cancellationToken, CaseOwner? givenOwner = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = openedAt ?? CaseTime.Now(clock);
        if (input.CustomerId is not { } customerId)
        {
            return new Failure.Invalid("customerId", "customerId is required.");
        }

        if (!CaseTypes.TryParse(input.Type, out var type, out var typeError))
        {
            return new Failure.Invalid("type", typeError);
        }

        // Priority follows harm and urgency; a case nobody rated is of medium priority, not of low.
        var priority = CasePriority.Medium;
        if (input.Priority is not null && !CasePriorities.TryParse(input.Priority, out priority, out var priorityError))
        {
            return new Failure.Invalid("priority", priorityError);
        }

        if (!InteractionChannels.TryParse(input.Channel, out var channel, out var channelError))
        {
            return new Failure.Invalid("channel", channelError);
        }

        var need = input.Need?.Trim();
        if (string.IsNullOrEmpty(need) || need.Length > CaseLimits.NeedLength)
        {
            return new Failure.Invalid("need", $"need is required: what the customer needs, in their words (at most {CaseLimits.NeedLength} characters).");
        }

        var questions = input.Questions ?? [];
        if (questions.Count > CaseLimits.MaxQuestionsAtCreation)
        {
            return new Failure.Invalid("questions", $"A case starts with at most {CaseLimits.MaxQuestionsAtCreation} questions; add more one by one.");
        }

        for (var i = 0; i < questions.Count; i++)
        {
            if (QuestionText(questions[i]) is null)
            {
                return new Failure.Invalid($"questions[{i}]", $"Each question needs its text, in the customer's words (at most {CaseLimits.QuestionLength} characters).");
            }
        }

        string? rootCause = null;
        if (input.RootCause is not null && !RootCauses.TryParse(input.RootCause, out rootCause, out var rootCauseError))
        {
            return new Failure.Invalid("rootCause", rootCauseError);
        }

        (CaseOwner Owner, string LeadUserId)? queue = null;
        if (input.Queue is not null)
        {
            var named = accountableUserId is null ? await QueueOwnerAsync(input.Queue, "queue", cancellationToken) : await ArrivalQueueAsync(input.Queue, accountableUserId, cancellationToken);
            if (named.Failure is { } queueFailure)
            {
                return queueFailure;
            }

            queue = named.Value;
        }

        var customer = (TrackedCustomer(customerId) is { } tracked ? CaseCustomer.Of(tracked) : null)
                       ?? (customersKnown.TryGet(db, customerId, out var known) ? known : null)
                       ?? await db.Customers.Where(c => c.Id == customerId)
                           .Select(c => new CaseCustomer(c.Id, c.Status, c.MergedIntoId, c.Jurisdiction, c.Name, c.PreferredLanguage)).FirstOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return new Failure.Invalid("customerId", $"There is no customer with id '{customerId}'.");
        }

        if (customer.Status == CustomerStatus.Merged)
        {
            return new Failure.Invalid("customerId", $"Customer {customerId} was merged into {customer.MergedIntoId}; open the case there.");
        }

        if (input.SubscriptionId is { } subscriptionId
            && !await db.Subscriptions.AnyAsync(s => s.Id == subscriptionId && s.CustomerId == customerId, cancellationToken))
        {
            return new Failure.Invalid("subscriptionId", $"Subscription {subscriptionId} is not one of this customer's.");
        }

        var callerId = accountableUserId ?? CallerId(actor);
        // Whoever receives it owns it (S2-3); a queue only when the caller says so, and then its lead answers for it.
        var owner = queue?.Owner ?? givenOwner ?? new CaseOwner(OwnerKind.User, callerId, actor.DisplayName);
        var @case = new Case
        {
            Reference = await NextReferenceAsync(cancellationToken),
            CustomerId = customerId,
            SubscriptionId = input.SubscriptionId,
            Jurisdiction = customer.Jurisdiction,
            Type = type,
            Priority = priority,
            Status = CaseStatus.Acknowledged,
            Channel = channel,
            NeedStatement = need,
            RootCause = rootCause,
            OwnerKind = owner.Kind,
            OwnerId = owner.Id,
            OwnerName = owner.Name,
            AccountableUserId = queue?.LeadUserId ?? callerId,
            OpenedAt = now,
            OpenedById = callerId,
            OpenedByName = actor.DisplayName,
        };
        // Rows of a case nothing reads back from the change tracker: a batch of arrived mail writes them in bulk.
        db.AddRow(@case);
        var firstOwner = new CaseOwnerHistoryEntry
        {
            CaseId = @case.Id, Sequence = 0, OwnerKind = @case.OwnerKind, OwnerId = owner.Id, OwnerName = owner.Name, From = now,
        };
        db.AddRow(firstOwner);
        var asked = questions.Select((question, i) => new CaseQuestion { CaseId = @case.Id, Position = i, Text = QuestionText(question)!, AskedAt = now }).ToList();
        foreach (var question in asked)
        {
            db.AddRow(question);
        }

        var detail = questions.Count == 0
            ? $"Need: {need}"
            : $"Need: {need}\nQuestions: {string.Join(" | ", questions.Select(QuestionText))}";
        var detailText = questions.Count == 0
            ? StoredText.Of("Timeline.Case.Need", StoredText.Value(need))
            : StoredText.Of("Timeline.Case.NeedAndQuestions", StoredText.Value(need), StoredText.Value(string.Join(" | ", questions.Select(QuestionText))));
        var opened = CaseTimeline.Entry(@case, now, actor.DisplayName,
            $"opened ({@case.Type.ToWireName()}, {@case.Priority.ToWireName()} priority), owned by {owner.Describe()}", detail, @case.Channel.ToWireName(),
            StoredText.Of("Timeline.Case.Opened", StoredText.CodeInSentence("CaseType", @case.Type.ToWireName()),
                StoredText.CodeInSentence("CasePriority", @case.Priority.ToWireName()), CaseTimeline.Owner(owner)),
            detailText);
        db.AddRow(opened);
        sla.Reschedule(@case, [], now);
        var firstStatus = CaseStatusChange.Of(@case, now, null, actor.DisplayName);
        db.AddRow(firstStatus);
        await ticketEvents.CreatedAsync(@case, now, cancellationToken);
        return new OpenedCase(@case, asked, firstOwner, firstStatus, opened, customer);
    }

    private readonly TransactionMemo<Guid, CaseCustomer> customersKnown = new();

    /// <summary>
    /// Customers read by the caller in the current transaction for the cases it is about to open (the senders of a
    /// batch of mail): opening one reads it from here, not once per case, until the transaction ends.
    /// </summary>
    public void Know(IEnumerable<CaseCustomer> customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        foreach (var customer in customers)
        {
            customersKnown.Remember(db, customer.Id, customer);
        }
    }

    /// <summary>
    /// The customer when this unit of work tracks it: one it adds (a contact made for a message that opens its first
    /// case) or one it read already (the senders of a batch of mail), found in the change tracker's identity map.
    /// Reading <c>Local</c> would first detect changes in every tracked row, once per case a batch of mail opens.
    /// </summary>
    private Customer? TrackedCustomer(Guid customerId)
    {
        var detecting = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return db.Customers.Local.FindEntry(customerId) is { State: not EntityState.Deleted } entry ? entry.Entity : null;
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = detecting;
        }
    }

    /// <summary>
    /// Takes the next case reference: one statement, sent on the context's connection and transaction without EF's
    /// query pipeline, which costs several times the statement itself when a batch of mail opens its cases.
    /// </summary>
    private async Task<string> NextReferenceAsync(CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        var opening = connection.State != System.Data.ConnectionState.Open;
        if (opening)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        try
        {
            await using var command = connection.CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = string.Create(CultureInfo.InvariantCulture,
                $"UPDATE \"CaseReferenceCounters\" SET \"Last\" = \"Last\" + 1 WHERE \"Id\" = {CaseReferenceCounter.SingleRowId} RETURNING \"Last\"");
            var taken = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken)
                                        ?? throw new InvalidOperationException("The case reference counter's row is missing."), CultureInfo.InvariantCulture);
            return string.Create(CultureInfo.InvariantCulture, $"C-{taken:D6}");
        }
        finally
        {
            if (opening)
            {
                await db.Database.CloseConnectionAsync();
            }
        }
    }

    /// <summary>
    /// The queue arriving mail names from the settings: its lead when it is set up, else <paramref name="accountableUserId"/>.
    /// Mail is never turned away because a queue was not set up; it waits where the settings say, with someone answering for it.
    /// </summary>
    private readonly TransactionMemo<string, WorkQueue?> arrivalQueues = new();

    private async Task<Outcome<(CaseOwner Owner, string LeadUserId)>> ArrivalQueueAsync(string name, string accountableUserId, CancellationToken cancellationToken)
    {
        if (QueueIds.Normalize(name) is not { } id)
        {
            return new Failure.Invalid("queue", $"The mail queue setting is not a queue's id: {QueueIds.Rule}.");
        }

        // A batch of mail opens its cases in one transaction, all in this queue: it is read once for them.
        return await arrivalQueues.GetAsync(db, id, ct => WorkQueues.FindAsync(db, id, ct), cancellationToken) is { } queue
            ? (new CaseOwner(OwnerKind.Queue, queue.Id, queue.Name), queue.LeadUserId)
            : (new CaseOwner(OwnerKind.Queue, id, id), accountableUserId);
    }
}
