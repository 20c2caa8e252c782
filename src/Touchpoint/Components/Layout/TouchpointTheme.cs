using MudBlazor;

namespace Touchpoint.Components.Layout;

/// <summary>
/// Touchpoint's colours. Every text colour reaches 4.5:1 against the surface it is shown on (WCAG AA), in both palettes:
/// MudBlazor's own success, info and warning colours are for icons, and as text they fall well below it.
/// </summary>
public static class TouchpointTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1b5e7a",
            Secondary = "#c2185b",
            AppbarBackground = "#1b5e7a",
            Success = "#2e7d32",
            Info = "#1565c0",
            Warning = "#a14d00",
            Error = "#c62828",
            TextSecondary = "rgba(0,0,0,0.64)",
            TextDisabled = "rgba(0,0,0,0.6)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7cc4e0",
            PrimaryContrastText = "#0b2530",
            Secondary = "#f48fb1",
            SecondaryContrastText = "#3a0a1d",
            AppbarBackground = "#13303d",
            Background = "#1e1f24",
            Surface = "#26272d",
            DrawerBackground = "#26272d",
            Success = "#81c784",
            SuccessDarken = "#81c784",
            SuccessContrastText = "#0d2b10",
            Info = "#90caf9",
            InfoDarken = "#90caf9",
            InfoContrastText = "#0b2540",
            Warning = "#ffb74d",
            WarningDarken = "#ffb74d",
            WarningContrastText = "#3b2400",
            Error = "#f28b82",
            ErrorDarken = "#f28b82",
            ErrorContrastText = "#3b0906",
            TextPrimary = "rgba(255,255,255,0.9)",
            TextSecondary = "rgba(255,255,255,0.72)",
            TextDisabled = "rgba(255,255,255,0.62)",
            DrawerText = "rgba(255,255,255,0.9)",
            DrawerIcon = "rgba(255,255,255,0.8)",
            ActionDefault = "rgba(255,255,255,0.8)",
        },
    };
}
