namespace AigcGateway.Bench.Idle;

/// <summary>Collects one user's day as <see cref="TraceGenerator"/> walks through it (the distributions are documented there).</summary>
internal sealed class DayBuilder(IdleDayOptions options, Random random)
{
    private const int PageLoadRequests = 15;

    private readonly List<Interval> _sessions = [];
    private readonly List<Interval> _atDesk = [];
    private readonly List<DateTimeOffset> _requests = [];
    private readonly List<Interval> _tabOpen = [];
    private readonly List<Interval> _gpuBusy = [];
    private readonly List<Interval> _jobs = [];
    private readonly List<(DateTimeOffset, TimeSpan)> _keepRunning = [];
    private DateTimeOffset? _tabSince;
    private DateTimeOffset? _pausesWhenLeaving;
    private Interval? _workday;

    public void WorkInInstance(DateTimeOffset from, DateTimeOffset to)
    {
        _sessions.Add(new Interval(from, to));
        if (_tabSince is null)
        {
            PageLoad(from);
            _tabSince = from;
        }

        for (var at = from + TraceGenerator.RequestGap(random); at < to; at += TraceGenerator.RequestGap(random))
        {
            _requests.Add(at);
            if (random.NextDouble() < 0.4)
            {
                _gpuBusy.Add(new Interval(at, at + TimeSpan.FromSeconds(5 + (random.NextDouble() * 55))));
            }
        }

        if (random.NextDouble() >= 0.6)
        {
            CloseTab(to);
        }
    }

    public void AtDesk(DateTimeOffset from, DateTimeOffset to) => _atDesk.Add(new Interval(from, to));

    public void StartJob(DateTimeOffset at)
    {
        var minutes = Math.Clamp(100 * Math.Exp(TraceGenerator.Normal(random, 0, 0.7)), 20, 600);
        var job = new Interval(at, at + TimeSpan.FromMinutes(minutes));
        _jobs.Add(job);
        _gpuBusy.Add(job);
        if (random.NextDouble() < 0.7)
        {
            CloseTab(at);
        }
    }

    public void KeepRunning(DateTimeOffset at, TimeSpan duration) => _keepRunning.Add((at, duration));

    public void Leave(DateTimeOffset arrived, DateTimeOffset at)
    {
        _workday = new Interval(arrived, at);
        if (random.NextDouble() >= 0.5)
        {
            CloseTab(at);
        }

        var jobRunning = _jobs.Any(j => j.Contains(at));
        if (!jobRunning && random.NextDouble() < 0.35)
        {
            _pausesWhenLeaving = at;
        }
        else if (random.NextDouble() < 0.03)
        {
            _keepRunning.Add((at, TimeSpan.FromHours(8)));
        }
    }

    public ActivityTrace Build(int user)
    {
        CloseTab(options.End);
        foreach (var tab in _tabOpen)
        {
            for (var at = tab.Start + TraceGenerator.ReconnectInterval(random); at < tab.End; at += TraceGenerator.ReconnectInterval(random))
            {
                PageLoad(at);
            }
        }

        return new ActivityTrace
        {
            User = user,
            Workday = _workday,
            Sessions = [.. _sessions],
            AtDesk = [.. _atDesk],
            Requests = [.. _requests.Order()],
            TabOpen = [.. _tabOpen],
            GpuBusy = [.. _gpuBusy.OrderBy(b => b.Start)],
            Jobs = [.. _jobs],
            KeepRunning = [.. _keepRunning],
            PausesWhenLeaving = _pausesWhenLeaving,
            HeedsWarnings = random.NextDouble() < 0.5,
        };
    }

    /// <summary>A page load (or a websocket reconnect with its page): a burst of requests within 3 s.</summary>
    private void PageLoad(DateTimeOffset at)
    {
        for (var i = 0; i < PageLoadRequests; i++)
        {
            _requests.Add(at + TimeSpan.FromMilliseconds(i * 200));
        }
    }

    private void CloseTab(DateTimeOffset at)
    {
        if (_tabSince is { } since)
        {
            _tabOpen.Add(new Interval(since, at));
            _tabSince = null;
        }
    }
}
