using Sente.LoadTests.Hosting;

namespace Sente.LoadTests.Targets;

/// <summary>Starts Sente's processes: the embedded web process, or a silo plus a client-mode web process.</summary>
public static class SenteServers
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    public sealed record Started(IReadOnlyList<ServerProcess> Processes, Uri BaseUri, int GatewayPort, string ClusterId);

    public static async Task<Started> StartAsync(RepoPaths paths, bool embedded, IReadOnlyList<string> extraArgs, IReadOnlyDictionary<string, string> environment)
    {
        var clusterId = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var http = FreePorts.Next();
        var silo = FreePorts.Next();
        var gateway = FreePorts.Next();
        var baseUri = new Uri($"http://127.0.0.1:{http}");
        // The per-connection inbound rate limit (100/s by default) protects servers from floods; the echo
        // scenario is a deliberate flood of sequential round trips, so the benchmark lifts it.
        string[] quiet =
        [
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Orleans=Warning", "--Logging:LogLevel:Microsoft=Warning",
            "--Sente:Limits:EventsPerSecond=1000000", "--Sente:Limits:Burst=1000000", .. extraArgs,
        ];
        var processes = new List<ServerProcess>();
        try
        {
            if (embedded)
            {
                paths.EnsureBuilt(paths.SenteWeb);
                var web = ServerProcess.Start("Sente.Web (embedded silo)", paths.SenteWeb,
                [
                    $"--urls={baseUri}", "--Orleans:Mode=Embedded", $"--Orleans:SiloPort={silo}", $"--Orleans:GatewayPort={gateway}",
                    $"--Orleans:ClusterId={clusterId}", "--Sente:Demo=true", .. quiet,
                ], environment);
                processes.Add(web);
                await web.WaitForHttpAsync(new Uri(baseUri, "/healthz"), StartTimeout);
            }
            else
            {
                paths.EnsureBuilt(paths.SenteSilo, paths.SenteWeb);
                var siloProcess = ServerProcess.Start("Sente.Silo", paths.SenteSilo,
                [
                    $"--Orleans:SiloPort={silo}", $"--Orleans:GatewayPort={gateway}", $"--Orleans:ClusterId={clusterId}", "--Sente:Demo=true", .. quiet,
                ], environment);
                processes.Add(siloProcess);
                await siloProcess.WaitForTcpAsync(gateway, StartTimeout);
                var web = ServerProcess.Start("Sente.Web (client mode)", paths.SenteWeb,
                [
                    $"--urls={baseUri}", "--Orleans:Mode=Client", $"--Orleans:GatewayPort={gateway}", $"--Orleans:ClusterId={clusterId}",
                    "--Sente:Demo=true", .. quiet,
                ], environment);
                processes.Add(web);
                await web.WaitForHttpAsync(new Uri(baseUri, "/healthz"), StartTimeout);
            }
        }
        catch
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }

            throw;
        }

        return new Started(processes, baseUri, gateway, clusterId);
    }
}
