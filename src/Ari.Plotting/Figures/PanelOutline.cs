namespace Ari.Plotting.Figures;

/// <summary>Lines drawn over one panel, in its world millimetres: a glass brain's outline (dark) and inner contours (light).</summary>
internal sealed record PanelOutline(IReadOnlyList<(double H0, double V0, double H1, double V1)> Outer, IReadOnlyList<(double H0, double V0, double H1, double V1)> Inner);
