using System.Diagnostics;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Sente.LoadTests.StreamLatency;

/// <summary>The measured event: a sequence number and the producer's monotonic timestamp.</summary>
[GenerateSerializer, Immutable, Alias("lat.Evt")]
public sealed record Evt([property: Id(0)] int Seq, [property: Id(1)] long Timestamp);

/// <summary>Implicit subscriber that records each event's latency (receipt minus send).</summary>
public interface ILatencySubscriberGrain : IGrainWithStringKey
{
    /// <summary>The latencies so far, in ms, in arrival order.</summary>
    Task<double[]> Latencies();
}

/// <summary>Runs inside the silo process: measures that process's CPU.</summary>
public interface IProcessProbeGrain : IGrainWithIntegerKey
{
    /// <summary>CPU used by the silo process over the given time, as a percentage of one core.</summary>
    Task<double> IdleCpuPercent(TimeSpan window);
}

[ImplicitStreamSubscription(Harness.Namespace)]
public sealed class LatencySubscriberGrain : Grain, ILatencySubscriberGrain, IStreamSubscriptionObserver, IAsyncObserver<Evt>
{
    private readonly List<double> _latencies = new(2048);

    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) => handleFactory.Create<Evt>().ResumeAsync(this);

    public Task OnNextAsync(Evt item, StreamSequenceToken? token = null)
    {
        _latencies.Add(Stopwatch.GetElapsedTime(item.Timestamp).TotalMilliseconds);
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;

    public Task<double[]> Latencies() => Task.FromResult(_latencies.ToArray());
}

public sealed class ProcessProbeGrain : Grain, IProcessProbeGrain
{
    public async Task<double> IdleCpuPercent(TimeSpan window)
    {
        var before = CpuTicks();
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(window);
        var elapsed = Stopwatch.GetElapsedTime(started);

        // utime + stime are in clock ticks of 1/100 s on Linux.
        return (CpuTicks() - before) / 100.0 / elapsed.TotalSeconds * 100.0;
    }

    private static long CpuTicks()
    {
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
    }
}
