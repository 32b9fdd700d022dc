namespace Ari.Reporting; internal static class Placeholder { }
