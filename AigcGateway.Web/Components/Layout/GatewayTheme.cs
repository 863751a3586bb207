using MudBlazor;

namespace AigcGateway.Web.Components.Layout;

/// <summary>The product's colours, light and dark.</summary>
public static class GatewayTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#5B4CDB",
            Secondary = "#0E9F8E",
            AppbarBackground = "#FFFFFF",
            AppbarText = "#1F2130",
            Background = "#F6F7FB",
            DrawerBackground = "#FFFFFF",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9D92FF",
            Secondary = "#3CCFBC",
            AppbarBackground = "#1B1C27",
            AppbarText = "#E8E8F0",
            Background = "#12131A",
            Surface = "#1E1F2B",
            DrawerBackground = "#1B1C27",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "10px" },
    };
}
