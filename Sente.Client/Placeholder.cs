namespace Sente.Client; internal static class Placeholder { }
