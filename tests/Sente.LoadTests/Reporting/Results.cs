using Sente.LoadTests.Measurement;

namespace Sente.LoadTests.Reporting;

/// <summary>Everything one run measured.</summary>
public sealed class Results
{
    public List<ResultRow> Rows { get; } = [];

    public List<CpuRow> Cpu { get; } = [];

    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
}
