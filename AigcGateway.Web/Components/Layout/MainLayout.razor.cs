using AigcGateway.Web.Preferences;
using AigcGateway.Web.Resources;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Microsoft.JSInterop;
using MudBlazor;

namespace AigcGateway.Web.Components.Layout;

public sealed partial class MainLayout : IAsyncDisposable
{
    private MudThemeProvider? _themeProvider;
    private IJSObjectReference? _preferences;
    private bool _drawerOpen = true;
    private bool _systemIsDark;
    private ThemeMode? _chosen;

    [Inject] public required IStringLocalizer<Strings> L { get; init; }

    [Inject] public required IJSRuntime JS { get; init; }

    /// <summary>The theme remembered in the preference cookie when the page was requested.</summary>
    [CascadingParameter(Name = "InitialTheme")]
    public ThemeMode InitialTheme { get; set; }

    /// <summary>The theme in force: the user's choice in this circuit, else the remembered one.</summary>
    public ThemeMode Mode => _chosen ?? InitialTheme;

    public bool IsDarkMode => Mode switch
    {
        ThemeMode.Dark => true,
        ThemeMode.Light => false,
        _ => _systemIsDark,
    };

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender && _themeProvider is not null)
        {
            _systemIsDark = await _themeProvider.GetSystemDarkModeAsync();
            await _themeProvider.WatchSystemDarkModeAsync(OnSystemDarkModeChangedAsync);
            if (Mode == ThemeMode.System && _systemIsDark)
            {
                StateHasChanged();
            }
        }
    }

    private Task OnSystemDarkModeChangedAsync(bool isDark)
    {
        _systemIsDark = isDark;
        return InvokeAsync(StateHasChanged);
    }

    private void ToggleDrawer() => _drawerOpen = !_drawerOpen;

    private async Task SetModeAsync(ThemeMode mode)
    {
        _chosen = mode;
        _preferences ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/preferences.js");
        await _preferences.InvokeVoidAsync("setPreferenceCookie", PreferenceCookies.Theme, mode.ToString().ToLowerInvariant());
    }

    public async ValueTask DisposeAsync()
    {
        if (_preferences is not null)
        {
            try
            {
                await _preferences.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone; the module went with it.
            }
        }
    }
}
