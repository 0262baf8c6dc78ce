using System.Globalization;
using Sente.LoadTests.Measurement;

namespace Sente.LoadTests.Reporting;

/// <summary>Prints each result as soon as it is measured.</summary>
public static class ConsoleReport
{
    public static void Print(ResultRow row)
    {
        var l = row.Latency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{row.Scenario,-28} {row.System,-18} n={l.Count}/{row.Expected} lost={row.Lost} p50={l.P50:0.000} p90={l.P90:0.000} p99={l.P99:0.000} max={l.Max:0.000} ms  rate={row.Rate:0}/s"));
        Console.WriteLine($"    {row.Path}{(row.Notes.Length > 0 ? "; " + row.Notes : "")}");
    }

    public static void Print(CpuRow row) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{"idle-cpu",-28} {row.System,-18} {row.Process}: {row.CpuPercentOfOneCore:0.00} % of one core over {row.Seconds:0.0} s, RSS {row.RssMiB:0} MiB"));
}
