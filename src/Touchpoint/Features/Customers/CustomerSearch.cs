using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;

namespace Touchpoint.Features.Customers;

public sealed record CustomerHit(Guid Id, string Name, string Jurisdiction, bool ExactIdentityMatch, string? MatchedIdentityKind, string? MatchedIdentity);

/// <summary>
/// One search box: the text is tried as every kind of identity in every jurisdiction (exact hits first),
/// then as the beginnings of name words. Both go through indexes, never a scan of all customers.
/// </summary>
public static class CustomerSearch
{
    public const int MaxResults = 50;

    public static async Task<List<CustomerHit>> SearchAsync(TouchpointDbContext db, string text, int limit, DateOnly today, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxResults);
        var candidates = IdentityCandidates(text, today);
        var hits = new List<CustomerHit>();
        if (candidates.Count > 0)
        {
            var values = candidates.Select(c => c.Value).Distinct().ToList();
            var matches = await db.CustomerIdentities.AsNoTracking()
                .Where(i => values.Contains(i.Value))
                .Join(db.Customers.Where(c => c.Status == CustomerStatus.Active), i => i.CustomerId, c => c.Id,
                    (i, c) => new { c.Id, c.Name, c.Jurisdiction, i.Kind, i.Value })
                .OrderBy(m => m.Name)
                .Take(limit)
                .ToListAsync(cancellationToken);
            hits.AddRange(matches
                .Where(m => candidates.Contains((m.Kind, m.Value)))
                .Select(m => new CustomerHit(m.Id, m.Name, m.Jurisdiction, true, m.Kind, m.Value)));
        }

        // Names have letters; a phone number or id typed into the box is not also a name fragment.
        var tokens = text.Any(char.IsLetter) ? CustomerNames.SearchKey(text).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        if (hits.Count < limit && tokens.Length > 0)
        {
            var found = hits.Select(h => h.Id).ToHashSet();
            IQueryable<Guid>? ids = null;
            foreach (var token in tokens.Take(4))
            {
                var (from, to) = PrefixRange(token);
                var matching = db.CustomerNameTokens.Where(t => t.Token.CompareTo(from) >= 0 && t.Token.CompareTo(to) < 0).Select(t => t.CustomerId);
                ids = ids is null ? matching : ids.Intersect(matching);
            }

            var byName = await db.Customers.AsNoTracking()
                .Where(c => ids!.Contains(c.Id) && c.Status == CustomerStatus.Active)
                .OrderBy(c => c.NameKey)
                .Take(limit)
                .Select(c => new CustomerHit(c.Id, c.Name, c.Jurisdiction, false, null, null))
                .ToListAsync(cancellationToken);
            hits.AddRange(byName.Where(h => !found.Contains(h.Id)));
        }

        return hits.Take(limit).ToList();
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
