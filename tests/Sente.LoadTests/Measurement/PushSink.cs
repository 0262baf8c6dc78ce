using System.Diagnostics;

namespace Sente.LoadTests.Measurement;

/// <summary>
/// Where clients report pushed events: latency = receipt − the send timestamp the event carries
/// (both Stopwatch ticks, CLOCK_MONOTONIC, so valid across processes on one machine). The scenario
/// swaps the recorder between warm-up and measurement.
/// </summary>
public sealed class PushSink
{
    private LatencyRecorder? _current;

    public LatencyRecorder? Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    /// <summary>Call first thing on receipt.</summary>
    public void Received(long receivedAt, long sentAt) => Current?.Record(receivedAt - sentAt, receivedAt);

    public static long Now() => Stopwatch.GetTimestamp();
}
