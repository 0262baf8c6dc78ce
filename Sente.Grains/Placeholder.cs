namespace Sente.Grains; internal static class Placeholder { }
