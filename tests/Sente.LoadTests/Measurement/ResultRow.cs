namespace Sente.LoadTests.Measurement;

/// <summary>One line of the latency table.</summary>
/// <param name="Scenario">push-idle, echo, push-1000.</param>
/// <param name="System">What was measured, e.g. "Sente embedded".</param>
/// <param name="Path">How: the push path and spacing, the request kind.</param>
/// <param name="Expected">Events or round trips that should have completed.</param>
/// <param name="Latency">The latencies that did.</param>
/// <param name="Rate">Achieved events (or round trips) per second.</param>
/// <param name="Notes">Anything else worth a column.</param>
public sealed record ResultRow(string Scenario, string System, string Path, int Expected, LatencySummary Latency, double Rate, string Notes)
{
    public int Lost => Expected - Latency.Count;

    public static ResultRow Failed(string scenario, string system, string why) =>
        new(scenario, system, "-", 0, LatencySummary.From([]), double.NaN, "FAILED: " + why);
}

/// <summary>One line of the idle-CPU table.</summary>
public sealed record CpuRow(string System, string Process, double CpuPercentOfOneCore, double RssMiB, double Seconds);
