using System.Diagnostics;

namespace Sente.LoadTests.Hosting;

/// <summary>Kills the server processes this tool started if it is interrupted (Ctrl+C) or exits early.</summary>
public static class ProcessReaper
{
    private static readonly HashSet<Process> Started = [];

    static ProcessReaper()
    {
        AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();
        Console.CancelKeyPress += (_, _) => KillAll();
    }

    public static void Track(Process process)
    {
        lock (Started)
        {
            Started.Add(process);
        }
    }

    public static void Forget(Process process)
    {
        lock (Started)
        {
            Started.Remove(process);
        }
    }

    private static void KillAll()
    {
        Process[] started;
        lock (Started)
        {
            started = [.. Started];
        }

        foreach (var process in started)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        }
    }
}
