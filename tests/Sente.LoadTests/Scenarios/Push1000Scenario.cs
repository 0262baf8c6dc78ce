using System.Collections.Concurrent;
using System.Diagnostics;
using Sente.LoadTests.Hosting;
using Sente.LoadTests.Measurement;
using Sente.LoadTests.Targets;

namespace Sente.LoadTests.Scenarios;

/// <summary>
/// push-1000: many connected clients receiving pushes at a moderate rate. Two shapes:
/// "users" — one user per client, pushes round-robin over the users;
/// "tabs" — one user with every client as a tab, each push fanning out to all of them.
/// Pushes go through the first push path (Sente: the Orleans client), paced, with bounded concurrency.
/// </summary>
public static class Push1000Scenario
{
    private const int ConnectParallelism = 32;
    private const int MaxInFlightPushes = 256;

    public static async Task RunAsync(ScenarioContext ctx, CancellationToken cancellationToken)
    {
        var n = ctx.Options.Clients;
        var users = Enumerable.Range(0, n).Select(i => $"u{i:D5}").ToArray();
        foreach (var shape in ctx.Options.Shapes)
        {
            if (shape == "users")
            {
                await RunShapeAsync(ctx, $"{n} users × 1 client", users, ctx.Options.UsersRate, warmupPushes: n, cancellationToken);
            }
            else
            {
                await RunShapeAsync(ctx, $"1 user × {n} tabs", Enumerable.Repeat("bench-tabs", n).ToArray(), ctx.Options.TabsRate, warmupPushes: 3, cancellationToken);
            }
        }
    }

    private static async Task RunShapeAsync(ScenarioContext ctx, string shape, string[] clientUsers, int rate, int warmupPushes, CancellationToken cancellationToken)
    {
        var sink = new PushSink();
        var clients = new ConcurrentBag<IBenchClient>();
        var connected = new ConcurrentBag<string>();
        var connectFailures = 0;
        ctx.Log($"push-1000 ({shape}): connecting {clientUsers.Length} clients");
        var connectStarted = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(clientUsers, new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism, CancellationToken = cancellationToken },
            async (user, ct) =>
            {
                try
                {
                    clients.Add(await ctx.Target.ConnectAsync(user, sink, ct));
                    connected.Add(user);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    if (Interlocked.Increment(ref connectFailures) == 1)
                    {
                        Console.Error.WriteLine($"  connect failed: {ex.GetType().Name}: {ex.Message}");
                    }
                }
            });
        var connectSeconds = Stopwatch.GetElapsedTime(connectStarted).TotalSeconds;
        var rss = ctx.Target.Processes.Sum(p => ProcStat.RssMiB(p.Pid));

        try
        {
            var targets = connected.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            var perPush = clients.Count / targets.Length; // 1 for users, every tab for tabs
            await using var driver = ctx.Target.CreatePushDriver(ctx.Target.PushPaths[0]);

            ctx.Log($"push-1000 ({shape}): {clients.Count} connected in {connectSeconds:0.0} s; warm-up {warmupPushes} pushes");
            sink.Current = new LatencyRecorder(warmupPushes * perPush);
            await PaceAsync(driver, targets, Math.Max(rate, 200), warmupPushes, cancellationToken);
            await sink.Current.WaitForAsync(warmupPushes * perPush, TimeSpan.FromSeconds(30), cancellationToken);

            var pushes = rate * ctx.Options.DurationSeconds;
            var expected = pushes * perPush;
            ctx.Log($"push-1000 ({shape}): {pushes} pushes at {rate}/s → {expected} events");
            var recorder = new LatencyRecorder(expected);
            sink.Current = recorder;
            var started = Stopwatch.GetTimestamp();
            var failures = await PaceAsync(driver, targets, rate, pushes, cancellationToken);
            await recorder.WaitForAsync(expected, TimeSpan.FromSeconds(30), cancellationToken);
            sink.Current = null;
            var seconds = (Math.Max(recorder.LastAt, started + 1) - started) / (double)Stopwatch.Frequency;

            var notes = $"{pushes} pushes at {rate}/s; connect {connectSeconds:0.0} s; server RSS {rss:0} MiB with clients connected";
            if (failures > 0 || connectFailures > 0)
            {
                notes += $"; {failures} push calls failed, {connectFailures} connects failed";
            }

            ctx.Add(new ResultRow($"push-1000 ({shape})", ctx.Target.Name, driver.Description, expected, recorder.Summarize(), recorder.Received / seconds, notes));
        }
        finally
        {
            ctx.Log($"push-1000 ({shape}): disconnecting");
            await Parallel.ForEachAsync(clients, new ParallelOptions { MaxDegreeOfParallelism = ConnectParallelism },
                async (client, _) =>
                {
                    try
                    {
                        await client.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
                    }
                    catch (Exception)
                    {
                        // Shutting down a benchmark client; nothing to report.
                    }
                });
        }
    }

    /// <summary>Sends <paramref name="count"/> pushes at <paramref name="rate"/> per second, round-robin over the targets.</summary>
    /// <returns>The number of push calls that failed.</returns>
    private static async Task<int> PaceAsync(IPushDriver driver, string[] targets, int rate, int count, CancellationToken cancellationToken)
    {
        using var inFlight = new SemaphoreSlim(MaxInFlightPushes);
        var failures = 0;
        var calls = new List<Task>(count);
        var started = Stopwatch.GetTimestamp();
        var sent = 0;
        while (sent < count)
        {
            var due = Math.Min(count, (int)(Stopwatch.GetElapsedTime(started).TotalSeconds * rate) + 1);
            while (sent < due)
            {
                await inFlight.WaitAsync(cancellationToken);
                var push = driver.PushAsync(targets[sent % targets.Length], sent);
                sent++;
                calls.Add(push.ContinueWith(
                    t =>
                    {
                        if (!t.IsCompletedSuccessfully)
                        {
                            Interlocked.Increment(ref failures);
                        }

                        inFlight.Release();
                    },
                    CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));
            }

            await Task.Delay(5, cancellationToken);
        }

        await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        return failures;
    }
}
