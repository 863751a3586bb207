using System.Collections.Immutable;
using System.Globalization;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Storage;
using AigcGateway.Core.Storage.Audit;
using AigcGateway.Web.Audit;
using AigcGateway.Web.Configuration;
using AigcGateway.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AigcGateway.Web.Components.Admin;

/// <summary>
/// The audit log: filters (user, template, instance, action, outcome, time range, free text; the other admin pages link
/// here pre-filtered through the query string), pages of <see cref="PageSize"/> entries read by keyset from the database
/// (newer/older), people named from Logto (cached, one lookup per unknown user), a CSV export of the current filter, a
/// warning while the store cannot be reached, and, on the first page, new entries shown as they are written (at most
/// one query per <see cref="LiveInterval"/> however many arrive).
/// </summary>
public sealed partial class AuditLog : ComponentBase, IDisposable
{
    public const int PageSize = 50;

    /// <summary>The first page is read again at most this often while entries are being written.</summary>
    public static readonly TimeSpan LiveInterval = TimeSpan.FromSeconds(2);
    private const string Any = "";

    private readonly Stack<AuditCursor?> _previous = new();
    private readonly AuditForm _form = new();
    private AuditFilter _filter = AuditFilter.None;
    private ImmutableArray<AuditEntry> _entries = [];
    private AuditCursor? _current;
    private AuditCursor? _next;
    private AuditStoreState _state = AuditStoreState.Starting;
    private string? _problem;
    private bool _loaded;
    private int _livePending;
    private ImmutableDictionary<string, string> _names = ImmutableDictionary<string, string>.Empty;
    private readonly CancellationTokenSource _stop = new();

    [Inject] public required IAuditQuery Query { get; init; }

    [Inject] public required IAuditStoreStatus Status { get; init; }

    [Inject] public required IStringLocalizer<Strings> L { get; init; }

    [Inject] public required IOptions<DatabaseOptions> Database { get; init; }

    [Inject] public required IAdministration Admin { get; init; }

    [Inject] public required NavigationManager Navigation { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    private int RetentionDays => Database.Value.AuditRetentionDays;

    private int PageNumber => _previous.Count + 1;

    private string ExportUrl => AuditExportEndpoint.Path + AuditFilterQuery.ToQuery(_filter);

    /// <summary>The newest entries of the filter are on screen: new ones belong at the top.</summary>
    private bool OnFirstPage => _previous.Count == 0 && _current is null;

    protected override async Task OnInitializedAsync()
    {
        var query = new Uri(Navigation.Uri).Query;
        _filter = AuditFilterQuery.FromQuery(new QueryCollection(QueryHelpers.ParseQuery(query)));
        _form.Show(_filter);
        _state = Status.State;
        Status.Changed += OnStatusChanged;
        await LoadAsync(null);
    }

    public void Dispose()
    {
        Status.Changed -= OnStatusChanged;
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task ApplyAsync()
    {
        _filter = _form.ToFilter();
        _previous.Clear();
        await LoadAsync(null);
    }

    private async Task ClearAsync()
    {
        _form.Reset();
        await ApplyAsync();
    }

    private async Task OlderAsync()
    {
        if (_next is { } next)
        {
            _previous.Push(_current);
            await LoadAsync(next);
        }
    }

    private async Task NewerAsync()
    {
        if (_previous.TryPop(out var cursor))
        {
            await LoadAsync(cursor);
        }
    }

    private async Task LoadAsync(AuditCursor? after)
    {
        try
        {
            var page = await Query.PageAsync(_filter, after, PageSize, _stop.Token);
            (_entries, _next, _current, _problem) = (page.Entries, page.Next, after, null);
        }
        catch (StoreUnavailableException e)
        {
            (_entries, _next, _problem) = ([], null, e.Message);
        }

        _state = Status.State;
        _loaded = true;
        await NameAsync();
    }

    /// <summary>Names of the people the shown entries name, looked up once per user (the lookup caches what it finds).</summary>
    private async Task NameAsync()
    {
        var ids = _entries.Select(e => e.ActorId).OfType<string>().Concat(AuditUsers.Of(_entries)).Where(id => !_names.ContainsKey(id)).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return;
        }

        try
        {
            _names = _names.SetItems(await Admin.UserNamesAsync(ids, _stop.Token));
        }
        catch (OperationCanceledException)
        {
            // page closed
        }
    }

    private string ActorText(AuditEntry entry) =>
        entry.ActorId is { } id && _names.TryGetValue(id, out var name) && name != id ? name : AuditUsers.Named(entry.Actor, _names);

    private void OnStatusChanged()
    {
        var state = Status.State;
        if (state.Available != _state.Available || state.Dropped != _state.Dropped)
        {
            _ = InvokeAsync(() =>
            {
                _state = state;
                StateHasChanged();
            });
        }

        // entries were written: one read of the first page after LiveInterval, however many batches arrive meanwhile
        if (state.Available && Interlocked.CompareExchange(ref _livePending, 1, 0) == 0)
        {
            _ = RefreshLiveAsync();
        }
    }

    private async Task RefreshLiveAsync()
    {
        try
        {
            await Task.Delay(LiveInterval, Time, _stop.Token);
            Volatile.Write(ref _livePending, 0);
            await InvokeAsync(async () =>
            {
                if (OnFirstPage && _loaded)
                {
                    await LoadAsync(null);
                    StateHasChanged();
                }
            });
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
        {
            // page closed
        }
    }

    private string ActionText(string action) =>
        L["Audit_Action_" + action.Replace(' ', '_')] is { ResourceNotFound: false } text ? text.Value : action;

    private static Color OutcomeColor(AuditOutcome outcome) => outcome switch
    {
        AuditOutcome.Succeeded => Color.Success,
        AuditOutcome.Denied => Color.Warning,
        _ => Color.Error,
    };

    /// <summary>What the filter form holds (text as typed; times in UTC from datetime-local inputs).</summary>
    private sealed class AuditForm
    {
        public string? User { get; set; }

        public string? Template { get; set; }

        public string Action { get; set; } = Any;

        public string Outcome { get; set; } = Any;

        public string? From { get; set; }

        public string? To { get; set; }

        public string? Text { get; set; }

        public string? Instance { get; set; }

        public void Reset() => (User, Template, Instance, Action, Outcome, From, To, Text) = (null, null, null, Any, Any, null, null, null);

        /// <summary>Shows <paramref name="filter"/> (the one a link opened the page with).</summary>
        public void Show(AuditFilter filter)
        {
            User = filter.UserId;
            Template = filter.Template;
            Instance = filter.InstanceId?.ToString(CultureInfo.InvariantCulture);
            Action = filter.Action ?? Any;
            Outcome = filter.Outcome?.ToString() ?? Any;
            From = Local(filter.From);
            To = Local(filter.To);
            Text = filter.Text;
        }

        public AuditFilter ToFilter() => new()
        {
            UserId = Trimmed(User),
            Template = Trimmed(Template),
            InstanceId = int.TryParse(Instance, NumberStyles.None, CultureInfo.InvariantCulture, out var instance) ? instance : null,
            Action = Trimmed(Action),
            Outcome = Enum.TryParse<AuditOutcome>(Outcome, out var outcome) ? outcome : null,
            From = Time(From),
            To = Time(To),
            Text = Trimmed(Text),
        };

        private static string? Local(DateTimeOffset? time) => time?.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

        private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

        private static DateTimeOffset? Time(string? text) =>
            DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
                ? new DateTimeOffset(time, TimeSpan.Zero) : null;
    }
}
