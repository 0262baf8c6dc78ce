using System.Diagnostics;

namespace Sente.LoadTests.Measurement;

/// <summary>
/// Collects latencies (Stopwatch ticks) from many threads without locks: a fixed array and an
/// interlocked index. Receipts beyond the capacity are counted, not stored.
/// </summary>
public sealed class LatencyRecorder(int capacity)
{
    private readonly long[] _ticks = new long[capacity];
    private int _received;
    private long _lastAt;

    public int Received => Volatile.Read(ref _received);

    /// <summary>Gets the Stopwatch timestamp of the latest receipt (0 before the first).</summary>
    public long LastAt => Volatile.Read(ref _lastAt);

    public void Record(long ticks, long at = 0)
    {
        var i = Interlocked.Increment(ref _received) - 1;
        if (i < _ticks.Length)
        {
            _ticks[i] = ticks;
        }

        if (at != 0)
        {
            Volatile.Write(ref _lastAt, at);
        }
    }

    /// <summary>Waits (polling) until <paramref name="expected"/> receipts arrived or the timeout passed.</summary>
    /// <returns><see langword="true"/> when all arrived.</returns>
    public async Task<bool> WaitForAsync(int expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Received < expected)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                return false;
            }

            await Task.Delay(10, cancellationToken);
        }

        return true;
    }

    public LatencySummary Summarize()
    {
        var n = Math.Min(Received, _ticks.Length);
        var ms = new double[n];
        for (var i = 0; i < n; i++)
        {
            ms[i] = _ticks[i] * 1000.0 / Stopwatch.Frequency;
        }

        return LatencySummary.From(ms);
    }
}
