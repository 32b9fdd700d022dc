namespace Ari.Plotting; internal static class Placeholder { }
