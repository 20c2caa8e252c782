// TMF681 Communication v4 — /tmf-api/communicationManagement/v4/communicationMessage — the outbox of messages
// Touchpoint writes to customers (features/Messages), and POST to write one (features/Mail, CaseReplies): to the
// receiver's party (a customer), at its email or phoneNumber on file, on a case when characteristic caseReference
// names one of that customer's cases.
//
//   id, href              the message id
//   messageType           "sms" or "email"
//   subject, content      as written
//   state                 initial (written; no gateway has taken it — without one configured it stays so, and
//                         nothing claims it was sent), inProgress, completed, failed
//   scheduledSendTime     when it was written (it is due at once)
//   sendTime              when a gateway was handed it; absent while none has been
//   sendTimeComplete      when the gateway confirmed it
//   tryTimes              hand-overs to a gateway so far
//   receiver              one: id = the customer id, name, phoneNumber (sms) or email (email) — the contact on
//                         file — and party {id, name, role "customer", @referredType "Customer"}
//   sender                {id "touchpoint", name}
//   characteristic        purpose (oneTimeCode, leavingConfirmation, termChangeNotice, portOutNotice,
//                         compensationGranted, caseRejected, reply); caseReference when on a case; lastError when failed
//   @type                 "CommunicationMessage"
//
// Listing is newest first, filtered by receiver.id (customer), receiver.phoneNumber or receiver.email, paged
// with offset/limit. Every read is audited: messages carry personal data.
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.HttpResults;
using Touchpoint.Data;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Identity;
using Touchpoint.Features.Mail;
using Touchpoint.Features.Messages;
using Touchpoint.Hosting;

namespace Touchpoint.Tmf;

public sealed record TmfReceiver
{
    public string? Id { get; init; }
    public string? Name { get; init; }
    public string? PhoneNumber { get; init; }
    public string? Email { get; init; }
    public TmfRelatedParty? Party { get; init; }
}

public sealed record TmfSender
{
    public string? Id { get; init; }
    public string? Name { get; init; }
}

public sealed record TmfCommunicationMessage
{
    public string? Id { get; init; }
    public string? Href { get; init; }
    public string? MessageType { get; init; }
    public string? Subject { get; init; }
    public string? Content { get; init; }
    public string? State { get; init; }
    public string? ScheduledSendTime { get; init; }
    public string? SendTime { get; init; }
    public string? SendTimeComplete { get; init; }
    public int? TryTimes { get; init; }
    public IReadOnlyList<TmfReceiver>? Receiver { get; init; }
    public TmfSender? Sender { get; init; }
    public IReadOnlyList<TmfCharacteristic>? Characteristic { get; init; }

    [JsonPropertyName("@type")]
    public string Type { get; init; } = "CommunicationMessage";
}

public static class Tmf681CommunicationApi
{
    public const string MessagePath = "/tmf-api/communicationManagement/v4/communicationMessage";

    public static IEndpointRouteBuilder MapTmf681CommunicationApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(MessagePath).WithTags("TMF681 Communication").RequireAuthorization(Policies.OwnStaff);
        group.MapGet("/", List)
            .WithSummary("Messages written to customers, newest first; filter by receiver.id (customer), receiver.phoneNumber or receiver.email.");
        group.MapGet("/{id}", Get).WithSummary("One message.");
        group.MapPost("/", Create)
            .WithSummary("Write to a customer (receiver[0].party.id) at an address on file; characteristic caseReference puts it on that case's conversation.");
        return app;
    }

    internal static async Task<Results<TmfResource<List<TmfCommunicationMessage>>, ValidationProblem>> List(
        [FromQuery(Name = "receiver.id")] string? receiverId,
        [FromQuery(Name = "receiver.phoneNumber")] string? phoneNumber,
        [FromQuery(Name = "receiver.email")] string? email,
        int? offset, int? limit, string? fields,
        HttpResponse response, TouchpointDbContext db, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        if (!TmfConventions.TryListQuery<TmfCommunicationMessage>(offset, limit, fields, out var page, out var selected, out var problem))
        {
            return problem!;
        }

        var query = db.OutboundMessages.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(receiverId))
        {
            if (!Guid.TryParse(receiverId, out var customerId))
            {
                return ProblemResults.Invalid("receiver.id", $"'{receiverId}' is not a customer id.");
            }

            query = query.Where(m => m.CustomerId == customerId);
        }

        if (!string.IsNullOrWhiteSpace(phoneNumber))
        {
            // The outbox keeps numbers in E.164; a number typed without a country code is read in each country served.
            var numbers = OutboxQuery.PhoneNumbers(phoneNumber);
            if (numbers.Count == 0)
            {
                return ProblemResults.Invalid("receiver.phoneNumber", $"'{phoneNumber}' is not a phone number.");
            }

            query = query.Where(m => m.Type == MessageTypes.Sms && numbers.Contains(m.ReceiverAddress));
        }

        if (!string.IsNullOrWhiteSpace(email))
        {
            var address = email.Trim().ToLowerInvariant();
            query = query.Where(m => m.Type == MessageTypes.Email && m.ReceiverAddress == address);
        }

        var total = await query.CountAsync(cancellationToken);
        var rows = await query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id)
            .Skip(page.Offset).Take(page.Limit).ToListAsync(cancellationToken);
        if (rows.Count > 0)
        {
            readAudit.Record(nameof(OutboundMessage), receiverId ?? phoneNumber ?? email ?? "all", "TMF681 communication messages");
        }

        return TmfConventions.List(response, rows.Select(ToTmf).ToList(), total, selected);
    }

    internal static async Task<Results<TmfResource<TmfCommunicationMessage>, ValidationProblem, NotFoundProblem>> Get(
        string id, string? fields, TouchpointDbContext db, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        if (!TmfConventions.TryParseFields<TmfCommunicationMessage>(fields, out var selected, out var problem))
        {
            return problem!;
        }

        var message = Guid.TryParse(id, out var messageId)
            ? await db.OutboundMessages.AsNoTracking().FirstOrDefaultAsync(m => m.Id == messageId, cancellationToken)
            : null;
        if (message is null)
        {
            return TmfConventions.NotFound("communication message", id);
        }

        readAudit.Record(nameof(OutboundMessage), id, "TMF681 communication message");
        return TmfConventions.One(ToTmf(message), selected);
    }

    internal static async Task<Results<TmfCreated<TmfCommunicationMessage>, ValidationProblem, CommandProblem>> Create(
        TmfCommunicationMessage input, CaseReplies replies, TouchpointDbContext db, CancellationToken cancellationToken)
    {
        if (input.MessageType is not { Length: > 0 } type)
        {
            return ProblemResults.Invalid("messageType", "messageType is required: email or sms.");
        }

        if (input.Receiver is not [{ } receiver])
        {
            return ProblemResults.Invalid("receiver", "receiver is required: exactly one, the customer (party.id) and the address on file to use.");
        }

        if (!Guid.TryParse(receiver.Party?.Id ?? receiver.Id, out var customerId))
        {
            return ProblemResults.Invalid("receiver[0].party.id", "receiver[0].party.id is required: the id of the customer written to.");
        }

        var characteristics = input.Characteristic ?? [];
        for (var k = 0; k < characteristics.Count; k++)
        {
            // JSON can hold a null where a characteristic belongs ("characteristic": [null]); the list's type cannot say so.
            if (characteristics[k] is null)
            {
                return ProblemResults.Invalid($"characteristic[{k}]", "A characteristic needs a name and a value.");
            }
        }

        var addressField = type == MessageTypes.Sms ? "receiver[0].phoneNumber" : "receiver[0].email";
        var map = new FieldMap().Map("channel", "messageType").Map("text", "content").Map("to", addressField).Map("customerId", "receiver[0].party.id");
        var reply = new CaseReplyInput(type, type == MessageTypes.Sms ? receiver.PhoneNumber : receiver.Email, input.Subject, input.Content, null);
        var caseReference = characteristics.FirstOrDefault(c => c.Name == "caseReference")?.Value is { ValueKind: JsonValueKind.String } value
            ? value.GetString()
            : null;
        Outcome<OutboundMessage> outcome;
        if (caseReference is null)
        {
            outcome = await replies.SendToCustomerAsync(customerId, reply, cancellationToken);
        }
        else
        {
            var caseId = await db.Cases.Where(c => c.Reference == caseReference && c.CustomerId == customerId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
            if (caseId is null)
            {
                return ProblemResults.Invalid("characteristic", $"caseReference '{caseReference}' is not a case of this customer.");
            }

            outcome = await replies.SendAsync(caseId.Value, reply, cancellationToken);
        }

        if (outcome.Failure is { } failure)
        {
            return failure.ToResult(map);
        }

        var message = outcome.Value!;
        return TmfConventions.Created($"{MessagePath}/{message.Id}", ToTmf(message));
    }

    public static TmfCommunicationMessage ToTmf(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var sms = message.Type == MessageTypes.Sms;
        List<TmfCharacteristic> characteristics = [TmfCharacteristic.Of("purpose", "string", message.Purpose)];
        if (message.CaseReference is { } caseReference)
        {
            characteristics.Add(TmfCharacteristic.Of("caseReference", "string", caseReference));
        }

        if (message.LastError is { } error)
        {
            characteristics.Add(TmfCharacteristic.Of("lastError", "string", error));
        }

        return new TmfCommunicationMessage
        {
            Id = message.Id.ToString(),
            Href = $"{MessagePath}/{message.Id}",
            MessageType = message.Type,
            Subject = message.Subject,
            Content = message.Content,
            State = message.State.ToWireName(),
            ScheduledSendTime = TmfConventions.Timestamp(message.CreatedAt),
            SendTime = message.SendTime is { } sent ? TmfConventions.Timestamp(sent) : null,
            SendTimeComplete = message.SendTimeComplete is { } done ? TmfConventions.Timestamp(done) : null,
            TryTimes = message.TryTimes,
            Receiver =
            [
                new TmfReceiver
                {
                    Id = message.CustomerId.ToString(),
                    Name = message.ReceiverName,
                    PhoneNumber = sms ? message.ReceiverAddress : null,
                    Email = sms ? null : message.ReceiverAddress,
                    Party = new TmfRelatedParty
                    {
                        Id = message.CustomerId.ToString(),
                        Href = $"{TmfConventions.CustomerPath}/{message.CustomerId}",
                        Name = message.ReceiverName,
                        Role = "customer",
                        ReferredType = "Customer",
                    },
                },
            ],
            Sender = new TmfSender { Id = "touchpoint", Name = message.SenderName },
            Characteristic = characteristics,
        };
    }
}
