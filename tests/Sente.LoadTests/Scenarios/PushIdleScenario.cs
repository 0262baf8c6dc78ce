using System.Diagnostics;
using Sente.LoadTests.Measurement;

namespace Sente.LoadTests.Scenarios;

/// <summary>
/// push-idle: one idle client, pushes one at a time at a fixed spacing; latency = receipt − send
/// timestamp. Runs each push path at each spacing, each on a fresh user so no other client-id
/// (and its outbox) of an earlier run is involved.
/// </summary>
public static class PushIdleScenario
{
    public static async Task RunAsync(ScenarioContext ctx, CancellationToken cancellationToken)
    {
        var paths = ctx.Target.PushPaths.Where(p => p == "hub" || ctx.Options.PushPaths.Contains(p));
        foreach (var path in paths)
        {
            foreach (var interval in ctx.Options.IntervalsMs)
            {
                await RunOneAsync(ctx, path, interval, cancellationToken);
            }
        }
    }

    private static async Task RunOneAsync(ScenarioContext ctx, string path, int intervalMs, CancellationToken cancellationToken)
    {
        var n = intervalMs >= 20 ? ctx.Options.SpacedPushes : ctx.Options.Pushes;
        var user = $"idle-{path}-{intervalMs}";
        var sink = new PushSink();
        await using var client = await ctx.Target.ConnectAsync(user, sink, cancellationToken);
        await using var driver = ctx.Target.CreatePushDriver(path);

        ctx.Log($"push-idle via {path}, {intervalMs} ms apart: {ctx.Options.Warmup} warm-up + {n} pushes");
        await PushAsync(driver, user, sink, ctx.Options.Warmup, intervalMs, null, cancellationToken);

        var calls = new LatencyRecorder(n);
        var started = Stopwatch.GetTimestamp();
        var recorder = await PushAsync(driver, user, sink, n, intervalMs, calls, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var call = calls.Summarize();
        ctx.Add(new ResultRow(
            "push-idle",
            ctx.Target.Name,
            $"{driver.Description}, {intervalMs} ms apart",
            n,
            recorder.Summarize(),
            n / elapsed.TotalSeconds,
            $"send call p50 {call.P50:0.00} ms, p99 {call.P99:0.00} ms; actual spacing {elapsed.TotalMilliseconds / n:0.0} ms"));
    }

    private static async Task<LatencyRecorder> PushAsync(
        Targets.IPushDriver driver, string user, PushSink sink, int count, int intervalMs, LatencyRecorder? calls, CancellationToken cancellationToken)
    {
        var recorder = new LatencyRecorder(count);
        sink.Current = recorder;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < count; i++)
        {
            var before = Stopwatch.GetTimestamp();
            await driver.PushAsync(user, i).WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            calls?.Record(Stopwatch.GetTimestamp() - before);

            // Paced on a schedule (push i+1 is due at (i+1) × interval), so slow calls and timer
            // granularity do not stretch the spacing; no spinning, to leave the CPU to the servers.
            var wait = TimeSpan.FromMilliseconds((i + 1) * intervalMs) - Stopwatch.GetElapsedTime(started);
            if (wait >= TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, cancellationToken);
            }
        }

        await recorder.WaitForAsync(count, TimeSpan.FromSeconds(10), cancellationToken);
        sink.Current = null;
        return recorder;
    }
}
