using Touchpoint.Domain.Audit;

namespace Touchpoint.Domain.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTime At = new(2026, 12, 7, 9, 30, 15, DateTimeKind.Utc);

    private static readonly AuditEntryContent Entry = new(
        42, At.AddTicks(1_234_567), "u-1", "agent", "203.0.113.7", "web", "Read", "Customer", "c0ffee00-0000-4000-8000-000000000001",
        "360 page", null, Guid.Parse("C0FFEE00-0000-4000-8000-000000000001"), null);

    [Fact]
    public void An_instant_is_UTC_to_the_microsecond_as_PostgreSQL_keeps_it()
    {
        Assert.Equal("2026-12-07T09:30:15.123456Z", AuditChain.Instant(At.AddTicks(1_234_567)));
        Assert.Equal("2026-12-07T09:30:15.000000Z", AuditChain.Instant(At));
    }

    [Fact]
    public void The_seventh_digit_SQLite_keeps_and_PostgreSQL_does_not_changes_nothing() =>
        Assert.Equal(AuditChain.CanonicalBytes(Entry), AuditChain.CanonicalBytes(Entry with { At = Entry.At.AddTicks(-7) }));

    [Fact]
    public void A_microsecond_is_a_change() =>
        Assert.NotEqual(AuditChain.CanonicalBytes(Entry), AuditChain.CanonicalBytes(Entry with { At = Entry.At.AddTicks(10) }));

    [Fact]
    public void A_time_that_is_not_UTC_is_refused() =>
        Assert.Throws<ArgumentException>(() => AuditChain.CanonicalBytes(Entry with { At = DateTime.SpecifyKind(At, DateTimeKind.Unspecified) }));

    [Fact]
    public void A_null_and_an_empty_text_are_different_entries() =>
        Assert.NotEqual(AuditChain.CanonicalBytes(Entry with { Details = null }), AuditChain.CanonicalBytes(Entry with { Details = "" }));

    [Fact]
    public void Text_cannot_move_from_one_field_to_the_next() =>
        Assert.NotEqual(
            AuditChain.CanonicalBytes(Entry with { EntityType = "Customer", EntityId = "1" }),
            AuditChain.CanonicalBytes(Entry with { EntityType = "Customer1", EntityId = "" }));

    [Fact]
    public void Every_field_is_sealed()
    {
        AuditEntryContent[] changed =
        [
            Entry with { Id = 43 }, Entry with { UserId = null }, Entry with { UserName = "agent2" }, Entry with { IpAddress = "203.0.113.8" },
            Entry with { Channel = "api" }, Entry with { Action = "Updated" }, Entry with { EntityType = "Case" }, Entry with { EntityId = null },
            Entry with { Details = "360 page." }, Entry with { Changes = "[]" }, Entry with { CustomerId = null },
            Entry with { Subjects = "c0ffee00-0000-4000-8000-000000000002" },
        ];

        var original = Convert.ToHexString(AuditChain.CanonicalBytes(Entry));
        Assert.All(changed, c => Assert.NotEqual(original, Convert.ToHexString(AuditChain.CanonicalBytes(c))));
    }

    [Fact]
    public void The_canonical_form_is_pinned_so_a_seal_made_today_verifies_after_any_upgrade()
    {
        using var hasher = AuditChain.HashEntries();
        hasher.Add(Entry);

        // The format documented on AuditChain (v1), computed apart from this code; a change here breaks every seal already written.
        Assert.Equal("baa97abbd5aa0086d89adb9f1c9be4d746ad45bd25a7aebcd81ef1b2d87385ba", hasher.Finish());
    }

    [Fact]
    public void The_entries_hash_depends_on_their_order_and_starts_over_after_each_range()
    {
        var other = Entry with { Id = 43, Action = "Updated" };
        using var hasher = AuditChain.HashEntries();
        hasher.Add(Entry);
        hasher.Add(other);
        Assert.Equal(2, hasher.Count);
        var inOrder = hasher.Finish();
        Assert.Equal(0, hasher.Count);
        hasher.Add(other);
        hasher.Add(Entry);
        var swapped = hasher.Finish();
        hasher.Add(Entry);
        hasher.Add(other);

        Assert.NotEqual(inOrder, swapped);
        Assert.Equal(inOrder, hasher.Finish());
    }

    [Fact]
    public void A_seal_hash_covers_the_seal_before_it_and_every_field()
    {
        var first = new AuditSealContent(1, 1, 1000, 998, new string('a', 64), AuditChain.GenesisHash, At);
        var hash = AuditChain.HashOf(first);

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.Equal(64, AuditChain.GenesisHash.Length);
        AuditSealContent[] changed =
        [
            first with { Number = 2 }, first with { FirstEntryId = 2 }, first with { LastEntryId = 999 }, first with { EntryCount = 999 },
            first with { EntriesHash = new string('b', 64) }, first with { PreviousHash = hash }, first with { SealedAt = At.AddSeconds(1) },
        ];
        Assert.All(changed, c => Assert.NotEqual(hash, AuditChain.HashOf(c)));
    }
}
