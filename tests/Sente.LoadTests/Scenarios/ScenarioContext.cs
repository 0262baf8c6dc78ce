using Sente.LoadTests.Cli;
using Sente.LoadTests.Measurement;
using Sente.LoadTests.Reporting;
using Sente.LoadTests.Targets;

namespace Sente.LoadTests.Scenarios;

/// <summary>What a scenario needs: the options, the system under test, and where results go.</summary>
public sealed class ScenarioContext(LoadOptions options, IBenchTarget target, Results results)
{
    public LoadOptions Options { get; } = options;

    public IBenchTarget Target { get; } = target;

    public void Add(ResultRow row)
    {
        results.Rows.Add(row);
        ConsoleReport.Print(row);
    }

    public void Add(CpuRow row)
    {
        results.Cpu.Add(row);
        ConsoleReport.Print(row);
    }

    public void Log(string message)
    {
        if (!Options.Quiet)
        {
            Console.WriteLine($"  [{Target.Name}] {message}");
        }
    }
}
