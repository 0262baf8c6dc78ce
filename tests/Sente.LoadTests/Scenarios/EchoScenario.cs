using System.Diagnostics;
using Sente.LoadTests.Measurement;

namespace Sente.LoadTests.Scenarios;

/// <summary>echo: sequential request/reply round trips on one connection, after a warm-up.</summary>
public static class EchoScenario
{
    public static async Task RunAsync(ScenarioContext ctx, CancellationToken cancellationToken)
    {
        var n = ctx.Options.EchoCount;
        await using var client = await ctx.Target.ConnectAsync("bench-echo", new PushSink(), cancellationToken);
        ctx.Log($"echo: {ctx.Options.Warmup} warm-up + {n} sequential round trips");
        for (var i = 0; i < ctx.Options.Warmup; i++)
        {
            await client.EchoAsync(i, cancellationToken);
        }

        var recorder = new LatencyRecorder(n);
        var failures = 0;
        string? firstFailure = null;
        var started = Stopwatch.GetTimestamp();
        for (var i = 0; i < n; i++)
        {
            var before = Stopwatch.GetTimestamp();
            try
            {
                await client.EchoAsync(i, cancellationToken);
                recorder.Record(Stopwatch.GetTimestamp() - before);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                failures++;
                firstFailure ??= ex.Message;
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        ctx.Add(new ResultRow("echo", ctx.Target.Name, ctx.Target.EchoPath, n, recorder.Summarize(), n / elapsed.TotalSeconds,
            failures == 0 ? "" : $"{failures} failed, first: {firstFailure}"));
    }
}
