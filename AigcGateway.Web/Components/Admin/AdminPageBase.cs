using AigcGateway.Core.Administration;
using AigcGateway.Core.Instances;
using AigcGateway.Web.Auth;
using AigcGateway.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;

namespace AigcGateway.Web.Components.Admin;

/// <summary>
/// An administration page: re-renders whenever the cluster changes, and names the signed-in
/// administrator for the audit trail.
/// </summary>
public abstract class AdminPageBase : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    [Inject] public required IAdministration Admin { get; init; }

    /// <summary>The cached cluster state; the page shows it ready once the cache has listed the cluster.</summary>
    [Inject] public required ICatalog Catalog { get; init; }

    [Inject] public required IStringLocalizer<Strings> L { get; init; }

    [Inject] public required TimeProvider Time { get; init; }

    [CascadingParameter]
    public Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>Who acts, as the audit trail records it: "Name (id)".</summary>
    protected string Actor { get; private set; } = "unknown administrator";

    protected CancellationToken Stopping => _stop.Token;

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing && !_stop.IsCancellationRequested)
        {
            _stop.Cancel();
            _stop.Dispose();
        }
    }

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null && (await AuthenticationState).User.ToGatewayUser() is { } user)
        {
            Actor = string.Equals(user.DisplayName, user.Id, StringComparison.Ordinal) ? user.Id : $"{user.DisplayName} ({user.Id})";
        }

        Refresh();
        _ = FollowAsync(_stop.Token);
    }

    /// <summary>Reads the lists again from the (cached) snapshot.</summary>
    protected abstract void Refresh();

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in Admin.ChangesAsync(cancellationToken))
            {
                await InvokeAsync(() =>
                {
                    Refresh();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // page closed
        }
        catch (ObjectDisposedException)
        {
            // circuit gone
        }
    }
}
