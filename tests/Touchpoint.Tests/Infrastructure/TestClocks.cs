using Microsoft.Extensions.Time.Testing;

namespace Touchpoint.Tests.Infrastructure;

/// <summary>
/// Where the fake clock of a test that moves time starts. The one place tests read the wall clock: the stories hold on
/// whichever day they run, and start from that day.
/// </summary>
public static class TestClocks
{
    /// <summary>The wall clock's current whole second: PostgreSQL keeps microseconds and SQLite text, and either must give a time back as sent.</summary>
    public static FakeTimeProvider StartingNow() => new(DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds()));

    /// <summary>Noon UTC today: whole seconds, and a day moved forward or back is a whole day.</summary>
    public static FakeTimeProvider NoonToday() => new(new DateTimeOffset(TimeProvider.System.GetUtcNow().UtcDateTime.Date.AddHours(12), TimeSpan.Zero));
}
