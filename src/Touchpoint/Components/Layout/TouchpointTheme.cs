using MudBlazor;

namespace Touchpoint.Components.Layout;

public static class TouchpointTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1b5e7a",
            Secondary = "#c2185b",
            AppbarBackground = "#1b5e7a",
        },
    };
}
