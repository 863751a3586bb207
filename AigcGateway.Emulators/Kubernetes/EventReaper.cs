using System.Text.Json.Nodes;

namespace AigcGateway.Emulators.Kubernetes;

/// <summary>
/// Events expire, as with the API server's <c>--event-ttl</c> (one hour by default): an event not changed for the
/// TTL is deleted (watchers see DELETED). Its own timer, so pending expiries never keep the simulation from settling.
/// </summary>
internal sealed class EventReaper : IDisposable
{
    private readonly ObjectStore _store;
    private readonly TimeSpan _ttl;
    private readonly TimeProvider _time;
    private readonly ITimer _timer;
    private readonly PriorityQueue<(string Namespace, string Name, long Version), DateTimeOffset> _due = new();
    private DateTimeOffset _armedFor = DateTimeOffset.MaxValue;

    public EventReaper(ObjectStore store, TimeSpan ttl, TimeProvider time)
    {
        _store = store;
        _ttl = ttl;
        _time = time;
        _timer = time.CreateTimer(_ => Reap(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Subscribed to the store's changes (called under its lock).</summary>
    public void OnChanged(ResourceType type, string eventType, JsonObject obj)
    {
        if (type != ResourceType.Events || eventType == "DELETED")
        {
            return;
        }

        var due = _time.GetUtcNow() + _ttl;
        _due.Enqueue((Json.Namespace(obj), Json.Name(obj), Json.ResourceVersion(obj)), due);
        Arm(due);
    }

    public void Dispose() => _timer.Dispose();

    private void Arm(DateTimeOffset due)
    {
        if (due >= _armedFor)
        {
            return;
        }

        _armedFor = due;
        var wait = due - _time.GetUtcNow();
        _timer.Change(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan);
    }

    private void Reap()
    {
        lock (_store.SyncRoot)
        {
            _armedFor = DateTimeOffset.MaxValue;
            var now = _time.GetUtcNow();
            while (_due.TryPeek(out var ev, out var due) && due <= now)
            {
                _due.Dequeue();
                // an event changed since (a repeat, count + 1) lives on from its last change
                if (_store.Peek(ResourceType.Events, ev.Namespace, ev.Name) is { } stored && Json.ResourceVersion(stored) == ev.Version)
                {
                    _store.Delete(ResourceType.Events, ev.Namespace, ev.Name);
                }
            }

            if (_due.TryPeek(out _, out var next))
            {
                Arm(next);
            }
        }
    }
}
