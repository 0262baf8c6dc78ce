using System.Diagnostics;
using Sente.LoadTests.Hosting;
using Sente.LoadTests.Measurement;

namespace Sente.LoadTests.Scenarios;

/// <summary>
/// idle-cpu: one idle connected client; CPU time (utime + stime from /proc/&lt;pid&gt;/stat) of each
/// server process over the sampling time, as percent of one core. The tool itself stays idle meanwhile.
/// </summary>
public static class IdleCpuScenario
{
    // Long enough to be past start-up work (tiered JIT recompiles, Orleans' first membership and
    // statistics rounds, the thread pool retiring its start-up threads): a 3 s settle measured 5 %
    // on a server that idles at 1-2 % once warm.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(20);

    public static async Task RunAsync(ScenarioContext ctx, CancellationToken cancellationToken)
    {
        await using var client = await ctx.Target.ConnectAsync("bench-cpu", new PushSink(), cancellationToken);
        ctx.Log($"idle-cpu: settling {Settle.TotalSeconds:0} s, then sampling {ctx.Options.IdleSeconds} s");
        await Task.Delay(Settle, cancellationToken);

        var processes = ctx.Target.Processes;
        var before = processes.Select(p => ProcStat.CpuSeconds(p.Pid)).ToArray();
        var started = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(ctx.Options.IdleSeconds), cancellationToken);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var after = processes.Select(p => ProcStat.CpuSeconds(p.Pid)).ToArray();

        double total = 0, rss = 0;
        for (var i = 0; i < processes.Count; i++)
        {
            var percent = (after[i] - before[i]) / seconds * 100;
            var mib = ProcStat.RssMiB(processes[i].Pid);
            total += percent;
            rss += mib;
            ctx.Add(new CpuRow(ctx.Target.Name, processes[i].Name, percent, mib, seconds));
        }

        if (processes.Count > 1)
        {
            ctx.Add(new CpuRow(ctx.Target.Name, "all processes", total, rss, seconds));
        }
    }
}
