using System.Collections.Concurrent;

namespace Touchpoint.Features.Live;

/// <summary>
/// Tells open pages that what they show has changed: a committed save publishes the topics it touched
/// (<see cref="LiveTopics"/>), and each page that listens to one of them reloads. In-process and fire-and-forget:
/// a listener runs on its own circuit's dispatcher, never on the thread that committed. With PostgreSQL the topics
/// also travel to the other nodes (<see cref="PostgresChangeRelay"/>).
/// </summary>
public sealed class ChangeFeed
{
    // Read on every publish without a lock; changed, rarely (a page opens or closes), under one.
    private readonly ConcurrentDictionary<string, Subscription[]> listeners = new(StringComparer.Ordinal);
    private readonly Lock changing = new();

    /// <summary>Raised for every publish made on this node, so a relay can pass it on.</summary>
    public event Action<IReadOnlyCollection<string>>? PublishedHere;

    /// <summary>Calls <paramref name="changed"/> whenever one of <paramref name="topics"/> is published; dispose to stop.</summary>
    public IDisposable Subscribe(IEnumerable<string> topics, Action changed)
    {
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentNullException.ThrowIfNull(changed);
        var subscription = new Subscription(this, [.. topics.Distinct(StringComparer.Ordinal)], changed);
        lock (changing)
        {
            foreach (var topic in subscription.Topics)
            {
                listeners[topic] = listeners.TryGetValue(topic, out var subscribed) ? [.. subscribed, subscription] : [subscription];
            }
        }

        return subscription;
    }

    /// <summary>Publishes a change made on this node, after its transaction committed.</summary>
    public void Publish(IReadOnlyCollection<string> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        if (topics.Count == 0)
        {
            return;
        }

        Deliver(topics);
        PublishedHere?.Invoke(topics);
    }

    /// <summary>Publishes a change another node committed.</summary>
    public void PublishFromElsewhere(IReadOnlyCollection<string> topics)
    {
        ArgumentNullException.ThrowIfNull(topics);
        Deliver(topics);
    }

    private void Deliver(IReadOnlyCollection<string> topics)
    {
        HashSet<Subscription>? told = null;
        foreach (var topic in topics)
        {
            if (!listeners.TryGetValue(topic, out var subscribed))
            {
                continue;
            }

            foreach (var subscription in subscribed)
            {
                if ((told ??= []).Add(subscription))
                {
                    subscription.Changed();
                }
            }
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (changing)
        {
            foreach (var topic in subscription.Topics)
            {
                if (!listeners.TryGetValue(topic, out var subscribed))
                {
                    continue;
                }

                var remaining = Array.FindAll(subscribed, s => s != subscription);
                if (remaining.Length == 0)
                {
                    listeners.TryRemove(topic, out _);
                }
                else
                {
                    listeners[topic] = remaining;
                }
            }
        }
    }

    private sealed class Subscription(ChangeFeed feed, string[] topics, Action changed) : IDisposable
    {
        public string[] Topics { get; } = topics;

        public Action Changed { get; } = changed;

        public void Dispose() => feed.Remove(this);
    }
}
