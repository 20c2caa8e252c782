using Microsoft.EntityFrameworkCore;
using Touchpoint.Hosting;

namespace Touchpoint.Features.Privacy;

public sealed partial class PersonalDataExports
{
    /// <summary>Asks for an export of everything held on the customer; it is pending until the generator has written it.</summary>
    public async Task<Outcome<PersonalDataExport>> RequestAsync(Guid customerId, CancellationToken cancellationToken)
    {
        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken))
        {
            return new Failure.NotFound($"There is no customer {customerId}.");
        }

        var who = actor.Get();
        var export = new PersonalDataExport
        {
            CustomerId = customerId,
            RequestedByUserId = who.UserId ?? throw new InvalidOperationException("Only a signed-in member of staff asks for an export."),
            RequestedByName = who.DisplayName,
            RequestedAt = clock.GetUtcNow().UtcDateTime,
            Status = ExportStatus.Pending,
        };
        db.PersonalDataExports.Add(export);
        await db.SaveChangesAsync(cancellationToken);
        await reads.RecordAsync(nameof(PersonalDataExport), export.Id.ToString(), $"{ExportGeneration.Purpose}: requested", customerId, cancellationToken);
        return export;
    }
}
