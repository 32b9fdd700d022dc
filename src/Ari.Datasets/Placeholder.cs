namespace Ari.Datasets; internal static class Placeholder { }
