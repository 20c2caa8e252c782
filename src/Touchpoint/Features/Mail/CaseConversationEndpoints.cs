using Ganss.Xss;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Messages;
using Touchpoint.Features.Audit;
using Touchpoint.Features.Identity;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Mail;

public sealed record ConversationAttachment(Guid Id, string FileName, string ContentType, long Size, string? RefusedBecause);

/// <summary>One message of a case's conversation, or an internal note (never sent).</summary>
/// <param name="Kind">inbound, outbound or note.</param>
/// <param name="State">An outbound message's delivery state; an inbound one's kind (personal, automatic, bounce, …).</param>
/// <param name="Html">An inbound e-mail's HTML, sanitised for display; null for text-only mail.</param>
/// <param name="Purpose">An outbound message's purpose (reply, caseAcknowledgement, compensationGranted, …).</param>
/// <param name="Language">The language an outbound message is written in.</param>
public sealed record ConversationEntry(
    Guid Id, string Kind, DateTime At, string Channel, string From, string? To, string Subject, string Text, string? Html,
    string? State, string? Detail, IReadOnlyList<ConversationAttachment> Attachments, string? Purpose = null, string? Language = null);

public sealed record SentReply(Guid Id, string Channel, string To, string Subject, string State);

/// <summary>A case's conversation with the customer, and replies to it. Thin: the rules are in <see cref="CaseReplies"/>.</summary>
public static class CaseConversationEndpoints
{
    private static readonly HtmlSanitizer Sanitizer = new();

    public static IEndpointRouteBuilder MapCaseConversationEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases/{id:guid}").WithTags("Cases").RequireAuthorization(Policies.OwnStaff);
        cases.MapGet("/conversation", Get).WithSummary("Every message about the case in and out, and its internal notes, oldest first.");
        cases.MapPost("/replies", Reply)
            .WithSummary("Write to the customer by e-mail or SMS from the case; may answer its open questions. A final reply is refused while a question is open (S1-4).");
        cases.MapGet("/attachments/{attachmentId:guid}", Attachment).WithSummary("A file the customer sent.")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/octet-stream");
        return app;
    }

    internal static async Task<Results<Accepted<SentReply>, CommandProblem>> Reply(
        Guid id, CaseReplyInput input, CaseReplies replies, CancellationToken cancellationToken)
    {
        var outcome = await replies.SendAsync(id, input, cancellationToken);
        if (outcome.Failure is { } failure)
        {
            return failure.ToResult();
        }

        var message = outcome.Value!;
        return TypedResults.Accepted($"/tmf-api/communicationManagement/v4/communicationMessage/{message.Id}",
            new SentReply(message.Id, message.Type, message.ReceiverAddress, message.Subject, message.State.ToWireName()));
    }

    internal static async Task<Results<Ok<List<ConversationEntry>>, NotFoundProblem>> Get(
        Guid id, TouchpointDbContext db, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        var customerId = await db.Cases.Where(c => c.Id == id).Select(c => (Guid?)c.CustomerId).FirstOrDefaultAsync(cancellationToken);
        if (customerId is null)
        {
            return ProblemResults.NotFound($"There is no case with id '{id}'.");
        }

        readAudit.Record("Case", id.ToString(), "case conversation", customerId);
        return TypedResults.Ok(await LoadAsync(db, id, cancellationToken));
    }

    internal static async Task<Results<FileContentHttpResult, NotFoundProblem>> Attachment(
        Guid id, Guid attachmentId, TouchpointDbContext db, ReadAudit readAudit, CancellationToken cancellationToken)
    {
        var kept = await (from a in db.InboundAttachments
                          join m in db.InboundMessages on a.InboundMessageId equals m.Id
                          join c in db.Cases on m.CaseId equals (Guid?)c.Id
                          where a.Id == attachmentId && m.CaseId == id && a.Content != null
                          select new { Attachment = a, c.CustomerId }).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        if (kept is null)
        {
            return ProblemResults.NotFound($"Case {id} has no kept attachment '{attachmentId}'.");
        }

        var attachment = kept.Attachment;
        readAudit.Record(nameof(InboundAttachment), attachmentId.ToString(), "case attachment", kept.CustomerId);
        // Served as a download with the type judged from its content, never rendered in Touchpoint's origin.
        return TypedResults.File(attachment.Content!, attachment.ContentType, attachment.FileName);
    }

    /// <summary>The conversation as the case page and the API show it.</summary>
    public static async Task<List<ConversationEntry>> LoadAsync(TouchpointDbContext db, Guid caseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var inbound = await db.InboundMessages.AsNoTracking().Include(m => m.Attachments).Where(m => m.CaseId == caseId).ToListAsync(cancellationToken);
        var outbound = await db.OutboundMessages.AsNoTracking().Where(m => m.CaseId == caseId).ToListAsync(cancellationToken);
        var notes = await db.CaseNotes.AsNoTracking().Where(n => n.CaseId == caseId).ToListAsync(cancellationToken);
        return
        [
            .. inbound.Select(m => new ConversationEntry(m.Id, "inbound", m.ReceivedAt, m.Channel, m.FromName is { Length: > 0 } name ? $"{name} <{m.FromAddress}>" : m.FromAddress,
                    null, m.Subject, m.Text, m.Html is null ? null : Sanitizer.Sanitize(m.Html), m.Kind.ToWireName(), m.Routing,
                    [.. m.Attachments.OrderBy(a => a.FileName).Select(a => new ConversationAttachment(a.Id, a.FileName, a.ContentType, a.Size, a.RefusedBecause))]))
                .Concat(outbound.Select(m => new ConversationEntry(m.Id, "outbound", m.CreatedAt, m.Type, m.SenderName, m.ReceiverAddress,
                    m.Subject, m.Content, null, m.State.ToWireName(), m.LastError ?? m.GatewayAnswer, [], m.Purpose, m.Language)))
                .Concat(notes.Select(n => new ConversationEntry(n.Id, "note", n.At, "note", n.AuthorName, null, "", n.Text, null, null, "internal: never sent", [])))
                .OrderBy(e => e.At).ThenBy(e => e.Id),
        ];
    }
}
