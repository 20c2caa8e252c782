using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Cases;
using Touchpoint.Features.Customers;
using Touchpoint.Features.Identity;

namespace Touchpoint.Features.Audit;

/// <summary>
/// Puts names on a page of audit entries: who acted, by display name, and which customer, case or user it was about
/// (customers and cases with a link), instead of GUIDs. One query per kind of name for the whole page, by primary key.
/// </summary>
public static class AuditNames
{
    public static async Task<List<AuditEntryView>> NameAsync(TouchpointDbContext db, IReadOnlyList<AuditEntryView> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        // Who acted, and the users an entry is about (a sign-in, a role change).
        var userIds = entries.Select(e => e.UserId)
            .Concat(entries.Where(e => e.EntityType == nameof(TouchpointUser)).Select(e => e.EntityId))
            .OfType<string>().Distinct().ToList();
        var users = userIds.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName != "" ? u.DisplayName : u.UserName ?? u.Id, cancellationToken);
        var customerIds = IdsOf(entries, nameof(Customer)).Concat(entries.Select(e => e.CustomerId).OfType<Guid>()).Distinct().ToList();
        var customers = customerIds.Count == 0
            ? []
            : await db.Customers.AsNoTracking().Where(c => customerIds.Contains(c.Id))
                .ToDictionaryAsync(c => c.Id, c => $"{c.Name} ({CustomerNumber.Format(c.Number)})", cancellationToken);
        var caseIds = IdsOf(entries, nameof(Case));
        var cases = caseIds.Count == 0
            ? []
            : await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Reference, cancellationToken);

        return entries.Select(entry =>
        {
            var named = entry with { UserDisplayName = entry.UserId is { } userId ? users.GetValueOrDefault(userId) : null };
            if (entry.EntityType == nameof(TouchpointUser) && entry.EntityId is { } userEntityId)
            {
                return named with { EntityName = users.GetValueOrDefault(userEntityId) };
            }

            var id = Guid.TryParse(entry.EntityId, out var parsed) ? parsed : (Guid?)null;
            return entry.EntityType switch
            {
                nameof(Customer) when id is { } customerId && customers.TryGetValue(customerId, out var customer) =>
                    named with { EntityName = customer, EntityLink = $"/customers/{customerId}" },
                nameof(Case) when id is { } caseId && cases.TryGetValue(caseId, out var reference) => named with { EntityName = reference, EntityLink = $"/cases/{caseId}" },
                // Any other row of a customer's (an identity, a promise, a contact) is named by whose it is.
                _ when entry.CustomerId is { } owner && customers.TryGetValue(owner, out var ownerName) =>
                    named with { EntityName = $"{entry.EntityType} of {ownerName}", EntityLink = $"/customers/{owner}" },
                _ => named,
            };
        }).ToList();
    }

    private static List<Guid> IdsOf(IEnumerable<AuditEntryView> entries, string entityType) =>
        entries.Where(e => e.EntityType == entityType)
            .Select(e => Guid.TryParse(e.EntityId, out var id) ? id : (Guid?)null)
            .OfType<Guid>()
            .Distinct()
            .ToList();
}
