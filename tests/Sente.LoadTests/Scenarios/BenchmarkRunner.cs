using Sente.LoadTests.Cli;
using Sente.LoadTests.Hosting;
using Sente.LoadTests.Measurement;
using Sente.LoadTests.Reporting;
using Sente.LoadTests.Targets;

namespace Sente.LoadTests.Scenarios;

/// <summary>
/// Runs the chosen scenarios against each target in turn: start its servers, run, kill them. A
/// failing scenario is reported as a FAILED row and the run goes on. Every scenario is time-bounded.
/// </summary>
public static class BenchmarkRunner
{
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromMinutes(5);

    private static readonly (string Name, Func<ScenarioContext, CancellationToken, Task> Run)[] Order =
    [
        ("push-idle", PushIdleScenario.RunAsync),
        ("echo", EchoScenario.RunAsync),
        ("idle-cpu", IdleCpuScenario.RunAsync),
        ("push-1000", Push1000Scenario.RunAsync),
    ];

    public static async Task<Results> RunAsync(LoadOptions options, CancellationToken cancellationToken)
    {
        var paths = RepoPaths.Locate(options.RepoRoot, options.Configuration);
        var results = new Results();
        foreach (var key in options.Targets)
        {
            await using IBenchTarget target = key switch
            {
                "embedded" => new SenteTarget(paths, embedded: true, options.SenteArgs, options.SenteEnvironment),
                "two-process" => new SenteTarget(paths, embedded: false, options.SenteArgs, options.SenteEnvironment),
                _ => new SignalRTarget(paths),
            };
            Console.WriteLine($"== {target.Name}: starting servers");
            try
            {
                using var startTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                startTimeout.CancelAfter(TimeSpan.FromMinutes(3));
                await target.StartAsync(startTimeout.Token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Console.Error.WriteLine($"== {target.Name}: could not start: {ex.Message}");
                results.Rows.Add(ResultRow.Failed("start", target.Name, ex.Message.Split(Environment.NewLine)[0]));
                continue;
            }

            Console.WriteLine($"== {target.Name}: up ({string.Join(", ", target.Processes.Select(p => $"{p.Name} pid {p.Pid}"))})");
            var ctx = new ScenarioContext(options, target, results);
            foreach (var (name, run) in Order.Where(s => options.Scenarios.Contains(s.Name)))
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(ScenarioTimeout);
                try
                {
                    await run(ctx, timeout.Token);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    Console.Error.WriteLine($"   {name} on {target.Name} failed: {ex}");
                    ctx.Add(ResultRow.Failed(name, target.Name, $"{ex.GetType().Name}: {ex.Message}"));
                }
            }

            Console.WriteLine($"== {target.Name}: stopping servers");
        }

        return results;
    }
}
