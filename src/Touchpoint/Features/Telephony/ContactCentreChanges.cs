using Microsoft.EntityFrameworkCore;
using Touchpoint.Features.Live;

namespace Touchpoint.Features.Telephony;

/// <summary>
/// Tells the live board of a change the change capture cannot see: rows changed by <c>ExecuteUpdate</c> never pass
/// through the change tracker (<see cref="LiveChangeCapture"/>). Call it inside the transaction that made the change,
/// before its commit; the board is told once the commit succeeds, and not at all when it is rolled back.
/// </summary>
public static class ContactCentreChanges
{
    public static void PublishAtCommit(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        LiveChangeCapture.Of(db)?.PublishAtCommit(db, [LiveTopics.ContactCentre]);
    }
}
