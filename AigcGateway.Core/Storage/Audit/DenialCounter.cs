using AigcGateway.Core.Administration;
using AigcGateway.Core.Instances;

namespace AigcGateway.Core.Storage.Audit;

/// <summary>
/// Counts forward-auth denials per user, host and minute, so that a client repeating a refused request writes one audit
/// row a minute, not one per request. At most <c>keysPerMinute</c> (user, host) pairs are kept per minute; the rest of
/// that minute's denials are counted in one overflow entry.
/// </summary>
internal sealed class DenialCounter(int keysPerMinute, string replica)
{
    internal const int MaxDetailLength = 200;
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<(string User, string Host), Denial> _counts = [];
    private DateTimeOffset _minute = DateTimeOffset.MinValue;
    private int _overflow;

    /// <summary>The end of the minute being counted (when its entries are due), or null when nothing is counted.</summary>
    public DateTimeOffset? Due
    {
        get
        {
            lock (_lock)
            {
                return _counts.Count > 0 || _overflow > 0 ? _minute + Minute : null;
            }
        }
    }

    /// <summary>Counts one denial; returns the entries of the previous minute when this one starts a new minute.</summary>
    public IReadOnlyList<AuditEntry> Add(DateTimeOffset now, string userId, string host, InstanceRef? instance, string? detail)
    {
        var minute = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % Minute.Ticks), TimeSpan.Zero);
        lock (_lock)
        {
            IReadOnlyList<AuditEntry> ended = minute != _minute ? TakeLocked() : [];
            _minute = minute;
            var key = (userId, host);
            if (_counts.TryGetValue(key, out var denial))
            {
                denial.Count++;
            }
            else if (_counts.Count < keysPerMinute)
            {
                _counts[key] = new Denial(instance, Cut(detail));
            }
            else
            {
                _overflow++;
            }

            return ended;
        }
    }

    /// <summary>The counted entries when their minute has ended at <paramref name="now"/> (all of them when <paramref name="now"/> is null).</summary>
    public IReadOnlyList<AuditEntry> TakeEnded(DateTimeOffset? now)
    {
        lock (_lock)
        {
            return now is null || now >= _minute + Minute ? TakeLocked() : [];
        }
    }

    private List<AuditEntry> TakeLocked()
    {
        var entries = _counts.Select(c => new AuditEntry(_minute, "user " + c.Key.User, AuditActions.AccessDenied, c.Key.Host, false, c.Value.Detail)
        {
            ActorId = c.Key.User,
            Template = c.Value.Instance?.Template,
            InstanceId = c.Value.Instance?.Id,
            Outcome = AuditOutcome.Denied,
            Replica = replica,
            Count = c.Value.Count,
        }).ToList();
        if (_overflow > 0)
        {
            entries.Add(new AuditEntry(_minute, "*", AuditActions.AccessDenied, "*", false, $"more than {keysPerMinute} user/host pairs denied in this minute")
            {
                Outcome = AuditOutcome.Denied,
                Replica = replica,
                Count = _overflow,
            });
        }

        _counts.Clear();
        _overflow = 0;
        return entries;
    }

    private static string? Cut(string? text) => text is null || text.Length <= MaxDetailLength ? text : text[..MaxDetailLength] + "…";

    private sealed class Denial(InstanceRef? instance, string? detail)
    {
        public InstanceRef? Instance { get; } = instance;

        public string? Detail { get; } = detail;

        public int Count { get; set; } = 1;
    }
}
