using System.Reflection;

namespace Ari;

/// <summary>Ari's version as outputs record it, without build metadata (e.g. "0.1.0").</summary>
public static class AriVersion
{
    /// <summary>The assembly's informational version without the "+commit" build metadata; "0.0.0" when the attribute is missing.</summary>
    public static string Current { get; } =
        (typeof(AriVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];
}
