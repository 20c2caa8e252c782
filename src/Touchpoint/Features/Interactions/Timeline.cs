using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Touchpoint.Data;
using Touchpoint.Domain.Customers;
using Touchpoint.Features.Languages;

namespace Touchpoint.Features.Interactions;

/// <summary>
/// One entry as pages and the API show it. <see cref="Title"/> and <see cref="Detail"/> are the English words stored;
/// <see cref="Text"/> and <see cref="DetailText"/> are the same in the reader's language where the API was asked for
/// them, rendered from <see cref="Texts"/>, which pages render themselves.
/// </summary>
public sealed record TimelineItem(
    long Id, DateTime At, string Kind, string? Channel, string? Direction, string Title, string Detail,
    string ActorName, string? PartnerAgencyName, string? SourceId)
{
    [JsonIgnore]
    public StructuredTexts? Texts { get; init; }

    public string? Text { get; init; }

    public string? DetailText { get; init; }

    /// <summary>This entry with <see cref="Text"/> and <see cref="DetailText"/> in <paramref name="culture"/>.</summary>
    public TimelineItem In(CultureInfo culture) => this with
    {
        Text = Texts is null ? Title : Texts.Title(culture, Title),
        DetailText = Texts is null ? Detail : Texts.Detail(culture, Detail),
    };

    public static TimelineItem Of(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new(entry.Id, entry.At, entry.Kind.ToWireName(), entry.Channel, entry.Direction, entry.Title, entry.Detail, entry.ActorName,
            entry.PartnerAgencyName, entry.SourceId) { Texts = StructuredTexts.Of(entry) };
    }
}

public sealed record TimelinePage(IReadOnlyList<TimelineItem> Items, string? NextCursor);

public sealed record TimelineFilter(IReadOnlyCollection<TimelineEntryKind>? Kinds = null, IReadOnlyCollection<string>? Channels = null);

/// <summary>
/// The one history every screen reads (S1-3): newest first, in keyset pages, so the first page of a
/// customer with a million events costs the same as one with ten.
/// </summary>
public static class Timeline
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 200;

    public static async Task<TimelinePage> PageAsync(
        TouchpointDbContext db, Guid customerId, TimelineFilter filter, string? cursor, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        limit = Math.Clamp(limit, 1, MaxLimit);
        var hasCursor = TryReadCursor(cursor, out var at, out var id);
        var rows = filter is { Kinds: null or { Count: 0 }, Channels: null or { Count: 0 } }
            ? await UnfilteredAsync(db, customerId, hasCursor, at, id, limit + 1, cancellationToken)
            : await FilteredAsync(db, customerId, filter, hasCursor, at, id, limit + 1, cancellationToken);
        var more = rows.Count > limit;
        var items = more ? rows[..limit] : rows;
        return new TimelinePage(items, more ? WriteCursor(items[^1]) : null);
    }

    // The unfiltered pages (the 360's first page above all) are compiled once instead of translated per request.
    private static async Task<List<TimelineItem>> UnfilteredAsync(
        TouchpointDbContext db, Guid customerId, bool hasCursor, DateTime at, long id, int take, CancellationToken cancellationToken)
    {
        var rows = new List<TimelineItem>(take);
        var query = hasCursor ? PageAfter.For(db)(db, customerId, at, id, take) : FirstPage.For(db)(db, customerId, take);
        await foreach (var row in query.WithCancellation(cancellationToken))
        {
            rows.Add(row);
        }

        return rows;
    }

    private static Task<List<TimelineItem>> FilteredAsync(
        TouchpointDbContext db, Guid customerId, TimelineFilter filter, bool hasCursor, DateTime at, long id, int take, CancellationToken cancellationToken)
    {
        var query = db.TimelineEntries.AsNoTracking().Where(t => t.CustomerId == customerId);
        if (filter.Kinds is { Count: > 0 } kinds)
        {
            query = query.Where(t => kinds.Contains(t.Kind));
        }

        if (filter.Channels is { Count: > 0 } channels)
        {
            query = query.Where(t => t.Channel != null && channels.Contains(t.Channel));
        }

        if (hasCursor)
        {
            query = query.Where(t => t.At < at || (t.At == at && t.Id < id));
        }

        return NewestFirst(query).Take(take).Select(ToItem).ToListAsync(cancellationToken);
    }

    private static IOrderedQueryable<TimelineEntry> NewestFirst(IQueryable<TimelineEntry> query) =>
        query.OrderByDescending(t => t.At).ThenByDescending(t => t.Id);

    private static readonly Expression<Func<TimelineEntry, TimelineItem>> ToItem = t =>
        new TimelineItem(t.Id, t.At, t.Kind.ToWireName(), t.Channel, t.Direction, t.Title, t.Detail, t.ActorName, t.PartnerAgencyName, t.SourceId)
        {
            Texts = new StructuredTexts(t.TitleKey, t.TitleArgs, t.DetailKey, t.DetailArgs),
        };

    private static readonly PerModelQuery<Func<TouchpointDbContext, Guid, int, IAsyncEnumerable<TimelineItem>>> FirstPage = new(() =>
        EF.CompileAsyncQuery((TouchpointDbContext db, Guid customerId, int take) =>
            db.TimelineEntries.AsNoTracking()
                .Where(t => t.CustomerId == customerId)
                .OrderByDescending(t => t.At).ThenByDescending(t => t.Id)
                .Take(take)
                .Select(t => new TimelineItem(t.Id, t.At, t.Kind.ToWireName(), t.Channel, t.Direction, t.Title, t.Detail, t.ActorName, t.PartnerAgencyName, t.SourceId)
        {
            Texts = new StructuredTexts(t.TitleKey, t.TitleArgs, t.DetailKey, t.DetailArgs),
        })));

    private static readonly PerModelQuery<Func<TouchpointDbContext, Guid, DateTime, long, int, IAsyncEnumerable<TimelineItem>>> PageAfter = new(() =>
        EF.CompileAsyncQuery((TouchpointDbContext db, Guid customerId, DateTime at, long id, int take) =>
            db.TimelineEntries.AsNoTracking()
                .Where(t => t.CustomerId == customerId)
                .Where(t => t.At < at || (t.At == at && t.Id < id))
                .OrderByDescending(t => t.At).ThenByDescending(t => t.Id)
                .Take(take)
                .Select(t => new TimelineItem(t.Id, t.At, t.Kind.ToWireName(), t.Channel, t.Direction, t.Title, t.Detail, t.ActorName, t.PartnerAgencyName, t.SourceId)
        {
            Texts = new StructuredTexts(t.TitleKey, t.TitleArgs, t.DetailKey, t.DetailArgs),
        })));

    public static bool IsValidCursor(string? cursor) => cursor is null || TryReadCursor(cursor, out _, out _);

    private static string WriteCursor(TimelineItem last) =>
        string.Create(CultureInfo.InvariantCulture, $"{last.At.Ticks}.{last.Id}");

    private static bool TryReadCursor(string? cursor, out DateTime at, out long id)
    {
        at = default;
        id = 0;
        var parts = cursor?.Split('.');
        if (parts is not [var ticks, var last]
            || !long.TryParse(ticks, NumberStyles.None, CultureInfo.InvariantCulture, out var atTicks)
            || atTicks > DateTime.MaxValue.Ticks
            || !long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out id))
        {
            return false;
        }

        at = new DateTime(atTicks, DateTimeKind.Utc);
        return true;
    }
}
