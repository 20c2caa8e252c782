using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Domain.Platform;
using Touchpoint.Domain.Subscriptions;
using Touchpoint.Features.Audit;

namespace Touchpoint.Features.Customers;

/// <summary>
/// One search result, with what tells namesakes apart: their number, where they live, how to reach them (masked, see
/// <see cref="ContactMasks"/>) and what they have with us.
/// </summary>
/// <param name="City">Of the service address, else the billing address; null when neither is known.</param>
/// <param name="Subscriptions">Subscriptions not terminated.</param>
/// <param name="Status">
/// "active" with a subscription not terminated, "former" when all have ended, "prospect" without any.
/// </param>
/// <param name="MatchedIdentityKind">An identity kind, or "customerNumber".</param>
public sealed record CustomerHit(
    [property: DataSubject] Guid Id, string CustomerNumber, string Name, string Kind, string Jurisdiction, string? City, string? Phone, string? Email,
    int Subscriptions, string Status, bool ExactIdentityMatch, string? MatchedIdentityKind, string? MatchedIdentity);

/// <summary>
/// One search box: the text is tried as a customer number and as every kind of identity in every jurisdiction (exact
/// hits first), then as the beginnings of name words. Both go through indexes, never a scan of all customers; the
/// rows are described by one query for all of them.
/// </summary>
public static class CustomerSearch
{
    public const int MaxResults = 50;

    /// <summary>What <see cref="CustomerHit.MatchedIdentityKind"/> says when the text was the customer's number.</summary>
    public const string CustomerNumberKind = "customerNumber";

    public static async Task<List<CustomerHit>> SearchAsync(TouchpointDbContext db, string text, int limit, DateOnly today, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxResults);
        if (!WrittenText.IsAllowed(text))
        {
            // Nothing stored holds such a character (StoredTextGuard), and PostgreSQL could not even compare with a NUL.
            return [];
        }

        var exact = new List<(Guid Id, string Kind, string Value)>();
        if (Domain.Customers.CustomerNumber.TryParse(text, out var number))
        {
            var byNumber = await db.Customers.AsNoTracking()
                .Where(c => c.Number == number && c.Status == CustomerStatus.Active)
                .Select(c => c.Id)
                .ToListAsync(cancellationToken);
            exact.AddRange(byNumber.Select(id => (id, CustomerNumberKind, Domain.Customers.CustomerNumber.Format(number))));
        }

        var candidates = IdentityCandidates(text, today);
        if (candidates.Count > 0)
        {
            var values = candidates.Select(c => c.Value).Distinct().ToList();
            var matches = await db.CustomerIdentities.AsNoTracking()
                .Where(i => values.Contains(i.Value))
                .Join(db.Customers.Where(c => c.Status == CustomerStatus.Active), i => i.CustomerId, c => c.Id,
                    (i, c) => new { c.Id, c.NameKey, i.Kind, i.Value })
                .OrderBy(m => m.NameKey)
                .Take(limit)
                .ToListAsync(cancellationToken);
            exact.AddRange(matches
                .Where(m => candidates.Contains((m.Kind, m.Value)))
                .Select(m => (m.Id, m.Kind, m.Value)));
        }

        var described = exact.Count == 0 ? [] : await DescribeAsync(db, Of(exact.Select(e => e.Id)), cancellationToken);
        var hits = exact
            .Select(e => described.Find(h => h.Id == e.Id) is { } hit ? hit with { ExactIdentityMatch = true, MatchedIdentityKind = e.Kind, MatchedIdentity = e.Value } : null)
            .OfType<CustomerHit>()
            .DistinctBy(h => h.Id)
            .Take(limit)
            .ToList();

        // Names have letters; a phone number or id typed into the box is not also a name fragment.
        var tokens = text.Any(char.IsLetter) ? CustomerNames.SearchKey(text).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (hits.Count < limit && tokens.Length > 0)
        {
            IQueryable<Guid>? ids = null;
            foreach (var token in tokens.Take(4))
            {
                var (from, to) = PrefixRange(token);
                var matching = db.CustomerNameTokens.Where(t => t.Token.CompareTo(from) >= 0 && t.Token.CompareTo(to) < 0).Select(t => t.CustomerId);
                ids = ids is null ? matching : ids.Intersect(matching);
            }

            var found = hits.Select(h => h.Id).ToHashSet();
            var byName = await DescribeAsync(db, db.Customers.Where(c => ids!.Contains(c.Id) && c.Status == CustomerStatus.Active).OrderBy(c => c.NameKey).Take(limit), cancellationToken);
            hits.AddRange(byName.Where(h => !found.Contains(h.Id)));
        }

        return hits.Take(limit).ToList();

        IQueryable<Customer> Of(IEnumerable<Guid> found)
        {
            var wanted = found.Distinct().ToList();
            return db.Customers.Where(c => wanted.Contains(c.Id));
        }
    }

    /// <summary>
    /// The rows of <paramref name="customers"/>, in their order, in one query: the counts and the first phone number and
    /// e-mail come from correlated subqueries on the (CustomerId) indexes, never a query per row.
    /// </summary>
    private static async Task<List<CustomerHit>> DescribeAsync(TouchpointDbContext db, IQueryable<Customer> customers, CancellationToken cancellationToken)
    {
        var msisdn = IdentityKind.Msisdn.ToWireName();
        var email = IdentityKind.Email.ToWireName();
        var rows = await customers.AsNoTracking()
            .Select(c => new
            {
                c.Id,
                c.Number,
                c.Name,
                c.Kind,
                c.Jurisdiction,
                City = c.ServiceAddress != null ? c.ServiceAddress.City : c.BillingAddress != null ? c.BillingAddress.City : null,
                Phone = db.CustomerIdentities.Where(i => i.CustomerId == c.Id && i.Kind == msisdn).OrderBy(i => i.Id).Select(i => i.Value).FirstOrDefault(),
                Email = db.CustomerIdentities.Where(i => i.CustomerId == c.Id && i.Kind == email).OrderBy(i => i.Id).Select(i => i.Value).FirstOrDefault(),
                Current = db.Subscriptions.Count(s => s.CustomerId == c.Id && s.Status != SubscriptionStatus.Terminated),
                Ever = db.Subscriptions.Any(s => s.CustomerId == c.Id),
            })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new CustomerHit(
                r.Id, Domain.Customers.CustomerNumber.Format(r.Number), r.Name, r.Kind.ToWireName(), r.Jurisdiction, r.City,
                ContactMasks.Phone(r.Phone), ContactMasks.Email(r.Email), r.Current,
                r.Current > 0 ? "active" : r.Ever ? "former" : "prospect", false, null, null))
            .ToList();
    }

    /// <summary>Every canonical identity the text could be: a phone number in any of our countries, an e-mail, …</summary>
    public static HashSet<(string Kind, string Value)> IdentityCandidates(string text, DateOnly today)
    {
        var candidates = new HashSet<(string, string)>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return candidates;
        }

        foreach (var kind in PlausibleKinds(text))
        {
            // An e-mail or a legacy id reads the same in every country; numbers depend on the country.
            var jurisdictions = kind is IdentityKind.Email or IdentityKind.LegacyId ? [Jurisdiction.SE] : Enum.GetValues<Jurisdiction>();
            foreach (var jurisdiction in jurisdictions)
            {
                if (IdentityNormalizer.TryNormalize(kind, text, jurisdiction, today, out var value, out _))
                {
                    candidates.Add((kind.ToWireName(), value));
                }
            }
        }

        return candidates;
    }

    /// <summary>
    /// Which kinds of identity the text could be, from its shape, so a name typed into the box is not parsed as a
    /// phone number in every country. A false positive only costs a normalisation attempt; the normaliser decides.
    /// </summary>
    private static IEnumerable<IdentityKind> PlausibleKinds(string text)
    {
        if (text.Contains('@', StringComparison.Ordinal))
        {
            yield return IdentityKind.Email;
            yield break;
        }

        if (text.Contains(':', StringComparison.Ordinal))
        {
            yield return IdentityKind.LegacyId;
            yield return IdentityKind.NationalId;
            yield break;
        }

        if (text.Any(char.IsDigit))
        {
            yield return IdentityKind.Msisdn;
            yield return IdentityKind.NationalId;
        }
    }

    /// <summary>[token, token-with-last-character-incremented): every word starting with the token.</summary>
    private static (string From, string To) PrefixRange(string token) =>
        (token, token[..^1] + (char)(token[^1] + 1));
}
