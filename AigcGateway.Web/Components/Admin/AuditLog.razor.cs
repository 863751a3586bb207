using System.Collections.Immutable;
using System.Globalization;
using AigcGateway.Core.Administration;
using AigcGateway.Core.Storage;
using AigcGateway.Core.Storage.Audit;
using AigcGateway.Web.Audit;
using AigcGateway.Web.Configuration;
using AigcGateway.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace AigcGateway.Web.Components.Admin;

/// <summary>
/// The audit log: filters (user, template, action, outcome, time range, free text), pages of <see cref="PageSize"/>
/// entries read by keyset from the database (newer/older), a CSV export of the current filter, and a warning while
/// the store cannot be reached.
/// </summary>
public sealed partial class AuditLog : ComponentBase, IDisposable
{
    public const int PageSize = 50;
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
    private readonly CancellationTokenSource _stop = new();

    [Inject] public required IAuditQuery Query { get; init; }

    [Inject] public required IAuditStoreStatus Status { get; init; }

    [Inject] public required IStringLocalizer<Strings> L { get; init; }

    [Inject] public required IOptions<DatabaseOptions> Database { get; init; }

    private int RetentionDays => Database.Value.AuditRetentionDays;

    private int PageNumber => _previous.Count + 1;

    private string ExportUrl => AuditExportEndpoint.Path + AuditFilterQuery.ToQuery(_filter);

    protected override async Task OnInitializedAsync()
    {
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
    }

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

        public void Reset() => (User, Template, Action, Outcome, From, To, Text) = (null, null, Any, Any, null, null, null);

        public AuditFilter ToFilter() => new()
        {
            UserId = Trimmed(User),
            Template = Trimmed(Template),
            Action = Trimmed(Action),
            Outcome = Enum.TryParse<AuditOutcome>(Outcome, out var outcome) ? outcome : null,
            From = Time(From),
            To = Time(To),
            Text = Trimmed(Text),
        };

        private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

        private static DateTimeOffset? Time(string? text) =>
            DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
                ? new DateTimeOffset(time, TimeSpan.Zero) : null;
    }
}
