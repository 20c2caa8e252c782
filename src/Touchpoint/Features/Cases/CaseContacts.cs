using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Interactions;
using Touchpoint.Features.Interactions;

namespace Touchpoint.Features.Cases;

/// <summary>
/// What a contact about a case does to the case, whether it is linked later or recorded with the case's reference:
/// an outbound contact made after the case was opened told the customer something, so it is a response and an
/// update for the SLA (ISO-10002). Either way the case is counted the same, or a contact recorded "about C-…" would
/// leave the next-update deadline to breach although the customer was called.
/// </summary>
public static class CaseContacts
{
    public static bool AnswersCustomer(Case @case, Interaction interaction)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(interaction);
        return interaction.Direction == InteractionDirection.Outbound && interaction.OccurredAt >= @case.OpenedAt;
    }

    /// <summary>Moves the case's response and update times and its deadlines, when the contact answered the customer.</summary>
    public static async Task CountAsync(TouchpointDbContext db, CaseSla sla, Case @case, Interaction interaction, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(sla);
        if (!AnswersCustomer(@case, interaction))
        {
            return;
        }

        var pauses = await db.CasePauses.AsNoTracking().Where(p => p.CaseId == @case.Id).ToListAsync(cancellationToken);
        Count(sla, @case, interaction, now, pauses);
    }

    /// <summary>As <see cref="CountAsync"/>, with the case's pauses read by the caller (a batch reads them for all its cases at once).</summary>
    public static void Count(CaseSla sla, Case @case, Interaction interaction, DateTime now, IReadOnlyList<CasePause> pauses)
    {
        ArgumentNullException.ThrowIfNull(sla);
        if (!AnswersCustomer(@case, interaction))
        {
            return;
        }

        @case.FirstResponseAt ??= interaction.OccurredAt;
        @case.LastUpdateAt = @case.LastUpdateAt is { } last && last > interaction.OccurredAt ? last : interaction.OccurredAt;
        sla.Reschedule(@case, pauses, now);
    }
}
