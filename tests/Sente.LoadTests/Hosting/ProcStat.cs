using System.Globalization;

namespace Sente.LoadTests.Hosting;

/// <summary>CPU time and resident memory of a process, from /proc (Linux).</summary>
public static class ProcStat
{
    // /proc reports CPU times in USER_HZ, which the kernel ABI fixes at 100 for user space.
    private const double TicksPerSecond = 100;

    /// <summary>utime + stime of <paramref name="pid"/>, in seconds.</summary>
    public static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        // Field 2 (comm) may contain spaces; everything after its closing parenthesis is space-separated
        // starting at field 3 (state), so utime (14) and stime (15) are at offsets 11 and 12.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var utime = long.Parse(fields[11], CultureInfo.InvariantCulture);
        var stime = long.Parse(fields[12], CultureInfo.InvariantCulture);
        return (utime + stime) / TicksPerSecond;
    }

    /// <summary>VmRSS of <paramref name="pid"/>, in MiB.</summary>
    public static double RssMiB(int pid)
    {
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb / 1024.0;
            }
        }

        return double.NaN;
    }
}
