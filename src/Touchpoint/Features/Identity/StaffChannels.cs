using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Interactions;

namespace Touchpoint.Features.Identity;

/// <summary>
/// Where a member of staff meets customers (a store clerk: store). What they promise is "promised via" it unless they
/// say otherwise; none set means the phone, as for most of customer service.
/// </summary>
public static class StaffChannels
{
    /// <summary>Null when <paramref name="channel"/> is empty (no channel of their own) or a channel; else why not.</summary>
    public static string? Check(string? channel, out InteractionChannel? parsed)
    {
        parsed = null;
        if (string.IsNullOrWhiteSpace(channel))
        {
            return null;
        }

        if (!InteractionChannels.TryParse(channel.Trim(), out var known, out var error))
        {
            return error;
        }

        parsed = known;
        return null;
    }

    /// <summary>Sets the user's channel; false when there is no such user. Audited as any change to a user.</summary>
    public static async Task<bool> SetAsync(TouchpointDbContext db, string userId, InteractionChannel? channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is null)
        {
            return false;
        }

        user.Channel = channel;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
