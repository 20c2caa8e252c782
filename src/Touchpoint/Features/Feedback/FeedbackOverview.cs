using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Cases;
using Touchpoint.Domain.Feedback;
using Touchpoint.Domain.Promises;

namespace Touchpoint.Features.Feedback;

/// <summary>A low answer's follow-up as the lead sees it: whose, about what, and whether the callback is on time.</summary>
public sealed record FollowUpRow(
    Guid SurveyId, Guid CustomerId, string CustomerName, string Kind, IReadOnlyList<int> Scores, string Trigger, string? AboutReference, string? With,
    string? Comment, DateTime AnsweredAt, Guid CaseId, string CaseReference, string CaseStatus, string OwnerName, DateTime? CallbackDueAt, string? CallbackState,
    bool Overdue);

/// <summary>Answers and low answers in one group (a channel, an agency, a team, a root cause), or on one day.</summary>
public sealed record FeedbackGroup(string Key, int Answers, int Low);

/// <summary>What a customer wrote, as written.</summary>
public sealed record Verbatim(Guid SurveyId, Guid CustomerId, string Kind, IReadOnlyList<int> Scores, string Comment, DateTime AnsweredAt, bool Low);

/// <param name="Nps">Promoters' share minus detractors' share, in points (−100 to 100); null without NPS answers.</param>
/// <param name="FollowedUpInTime">Of the low answers whose callback has fallen due, the share called back by then (CustomerGauge: aim for all, within a business day).</param>
public sealed record FeedbackOverviewView(
    DateTime From, DateTime To, int Answers, int LowAnswers, int? Nps, int FollowUpsOpen, int FollowUpsOverdue, double? FollowedUpInTime,
    IReadOnlyList<FollowUpRow> FollowUps, IReadOnlyList<FeedbackGroup> Days, IReadOnlyList<FeedbackGroup> ByChannel, IReadOnlyList<FeedbackGroup> ByAgency,
    IReadOnlyList<FeedbackGroup> ByTeam, IReadOnlyList<FeedbackGroup> ByRootCause, IReadOnlyList<Verbatim> Verbatims);

/// <summary>
/// The lead's view of feedback over a window of days: how many answered and how many low, the NPS, the follow-ups open
/// and overdue, the share of low answers called back within the promise, answers by day, channel, agency, team and
/// root cause, and the latest verbatims. Counts are grouped in the database; only the open follow-ups and the latest
/// comments are read as rows.
/// </summary>
public static class FeedbackOverview
{
    public const int MostDays = 365;
    public const int ShownRows = 100;

    private static readonly string[] Promoters = ["9", "10"];
    private static readonly string[] Detractors = ["0", "1", "2", "3", "4", "5", "6"];

    public static async Task<FeedbackOverviewView> ReadAsync(TouchpointDbContext db, DateTime now, int days, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var from = now.AddDays(-Math.Clamp(days, 1, MostDays));
        var answered = db.Surveys.AsNoTracking().Where(s => s.AnsweredAt != null && s.AnsweredAt >= from && s.AnsweredAt <= now);
        var totals = await answered.GroupBy(_ => 1).Select(g => new
        {
            Answers = g.Count(),
            Low = g.Count(s => s.Low),
            Nps = g.Count(s => s.Kind == SurveyKind.Nps),
            Promoters = g.Count(s => s.Kind == SurveyKind.Nps && Promoters.Contains(s.Scores)),
            Detractors = g.Count(s => s.Kind == SurveyKind.Nps && Detractors.Contains(s.Scores)),
        }).FirstOrDefaultAsync(cancellationToken);

        var byDay = await answered.GroupBy(s => s.AnsweredAt!.Value.Date).Select(g => new { g.Key, Answers = g.Count(), Low = g.Count(s => s.Low) })
            .ToListAsync(cancellationToken);
        var byChannel = await Grouped(answered.GroupBy(s => s.ContactChannel ?? "—"), cancellationToken);
        var byAgency = await Grouped(answered.GroupBy(s => s.PartnerAgencyName ?? ""), cancellationToken);
        var byStaff = await answered.GroupBy(s => s.StaffUserId ?? "")
            .Select(g => new { g.Key, Answers = g.Count(), Low = g.Count(s => s.Low) }).ToListAsync(cancellationToken);
        var leads = await db.Users.AsNoTracking().Where(u => byStaff.Select(s => s.Key).Contains(u.Id))
            .Select(u => new { u.Id, Lead = db.Users.Where(l => l.Id == u.TeamLeadId).Select(l => l.DisplayName).FirstOrDefault() })
            .ToDictionaryAsync(u => u.Id, u => u.Lead, cancellationToken);
        var byTeam = byStaff.GroupBy(s => leads.GetValueOrDefault(s.Key) ?? "")
            .Select(g => new FeedbackGroup(g.Key, g.Sum(s => s.Answers), g.Sum(s => s.Low))).OrderByDescending(g => g.Answers).ToList();
        var byRootCause = (await answered.Where(s => s.FollowUpCaseId != null)
                .Join(db.Cases, s => s.FollowUpCaseId, c => c.Id, (s, c) => new { s.Low, Key = c.RootCause ?? "" })
                .GroupBy(x => x.Key).Select(g => new { g.Key, Answers = g.Count(), Low = g.Count(x => x.Low) }).ToListAsync(cancellationToken))
            .Select(g => new FeedbackGroup(g.Key, g.Answers, g.Low)).OrderByDescending(g => g.Answers).ToList();

        var due = await answered.Where(s => s.FollowUpPromiseId != null)
            .Join(db.Promises, s => s.FollowUpPromiseId, p => p.Id, (s, p) => new { p.State, p.DueAt })
            .Where(p => p.DueAt <= now)
            .GroupBy(_ => 1).Select(g => new { Due = g.Count(), Kept = g.Count(p => p.State == PromiseState.Kept) })
            .FirstOrDefaultAsync(cancellationToken);

        var followUps = await OpenFollowUpsAsync(db, now, cancellationToken);
        var verbatims = await answered.Where(s => s.Comment != null).OrderByDescending(s => s.AnsweredAt).Take(ShownRows)
            .Select(s => new { s.Id, s.CustomerId, s.Kind, s.Scores, s.Comment, s.AnsweredAt, s.Low }).ToListAsync(cancellationToken);

        return new FeedbackOverviewView(
            from, now, totals?.Answers ?? 0, totals?.Low ?? 0,
            totals is { Nps: > 0 } nps ? (int)Math.Round(100.0 * (nps.Promoters - nps.Detractors) / nps.Nps) : null,
            followUps.Count, followUps.Count(f => f.Overdue),
            due is { Due: > 0 } ? (double)due.Kept / due.Due : null,
            followUps,
            [.. byDay.OrderBy(d => d.Key).Select(d => new FeedbackGroup(DateOnly.FromDateTime(d.Key).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), d.Answers, d.Low))],
            byChannel, byAgency, byTeam, byRootCause,
            [.. verbatims.Select(v => new Verbatim(v.Id, v.CustomerId, v.Kind.ToWireName(), Survey.Parse(v.Scores), v.Comment!, v.AnsweredAt!.Value, v.Low))]);
    }

    /// <summary>Follow-ups whose case is still open, the callback due soonest first.</summary>
    private static async Task<List<FollowUpRow>> OpenFollowUpsAsync(TouchpointDbContext db, DateTime now, CancellationToken cancellationToken)
    {
        var rows = await (
            from s in db.Surveys.AsNoTracking()
            where s.FollowUpCaseId != null
            join c in db.Cases on s.FollowUpCaseId equals c.Id
            where c.Status == CaseStatus.Acknowledged || c.Status == CaseStatus.InProgress || c.Status == CaseStatus.Pending || c.Status == CaseStatus.Held
            join customer in db.Customers on s.CustomerId equals customer.Id
            join p in db.Promises on s.FollowUpPromiseId equals p.Id into promises
            from p in promises.DefaultIfEmpty()
            orderby p == null ? (DateTime?)null : p.DueAt
            select new
            {
                s.Id, s.CustomerId, CustomerName = customer.Name, s.Kind, s.Scores, s.Trigger, s.AboutReference, With = s.PartnerAgencyName ?? s.StaffName,
                s.Comment, s.AnsweredAt, CaseId = c.Id, c.Reference, c.Status, c.OwnerName, DueAt = p == null ? (DateTime?)null : p.DueAt,
                State = p == null ? (PromiseState?)null : p.State,
            }).Take(ShownRows).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new FollowUpRow(
            r.Id, r.CustomerId, r.CustomerName, r.Kind.ToWireName(), Survey.Parse(r.Scores), r.Trigger.ToWireName(), r.AboutReference, r.With, r.Comment,
            r.AnsweredAt!.Value, r.CaseId, r.Reference, r.Status.ToWireName(), r.OwnerName, r.DueAt, r.State?.ToWireName(),
            r.State == PromiseState.Broken || (r.State == PromiseState.Open && r.DueAt < now)))];
    }

    private static async Task<List<FeedbackGroup>> Grouped<TKey>(IQueryable<IGrouping<TKey, Survey>> groups, CancellationToken cancellationToken) =>
        [.. (await groups.Select(g => new { g.Key, Answers = g.Count(), Low = g.Count(s => s.Low) }).ToListAsync(cancellationToken))
            .Select(g => new FeedbackGroup($"{g.Key}", g.Answers, g.Low)).OrderByDescending(g => g.Answers)];
}
