using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Orleans.Runtime;
using Orleans.Streams;

namespace Sente.LoadTests.StreamLatency;

/// <summary>Wiring shared by the three modes (co-hosted, silo, client).</summary>
internal static class Harness
{
    public const string Namespace = "lat";
    public const string Provider = "lat";
    private const int Warmup = 20;
    private const int Count = 1000;

    /// <summary>"sente", "none" (idle baseline), or "mem:&lt;period ms&gt;" for Orleans memory streams with that poll period.</summary>
    public static void AddProvider(ISiloBuilder silo, string provider)
    {
        silo.UseLocalhostClustering();
        silo.AddMemoryGrainStorageAsDefault();
        if (provider == "none")
        {
            return;
        }

        if (provider.StartsWith("sente", StringComparison.Ordinal))
        {
            // "sente" takes the defaults; "sente:<period ms>:<max wait ms>" overrides the two timings.
            var parts = provider.Split(':');
            silo.AddSenteStreams(Provider, o =>
            {
                if (parts.Length == 3)
                {
                    o.PullingAgentPeriod = TimeSpan.FromMilliseconds(double.Parse(parts[1], CultureInfo.InvariantCulture));
                    o.MaxDequeueWait = TimeSpan.FromMilliseconds(double.Parse(parts[2], CultureInfo.InvariantCulture));
                }
            });
            return;
        }

        var period = TimeSpan.FromMilliseconds(double.Parse(provider["mem:".Length..], CultureInfo.InvariantCulture));
        silo.AddMemoryGrainStorage("PubSubStore");
        silo.AddMemoryStreams(Provider, b => b.ConfigurePullingAgent(ob => ob.Configure(o => o.GetQueueMsgsTimerPeriod = period)));
    }

    public static void AddProvider(IClientBuilder client, string provider)
    {
        client.UseLocalhostClustering();
        if (provider.StartsWith("sente", StringComparison.Ordinal))
        {
            client.AddSenteStreams(Provider);
        }
        else
        {
            client.AddMemoryStreams(Provider);
        }
    }

    public static IHost Build(Action<IHostBuilder> orleans)
    {
        var builder = Host.CreateDefaultBuilder().ConfigureLogging(l => l.SetMinimumLevel(LogLevel.Warning));
        orleans(builder);
        return builder.Build();
    }

    /// <summary>Sends warm-up plus 1,000 events at ~2 ms spacing, then reports latency and the silo's idle CPU.</summary>
    public static async Task Run(IClusterClient client, string label)
    {
        var key = Guid.NewGuid().ToString("N");
        var stream = client.GetStreamProvider(Provider).GetStream<Evt>(StreamId.Create(Namespace, key));
        var subscriber = client.GetGrain<ILatencySubscriberGrain>(key);
        for (var i = 0; i < Warmup + Count; i++)
        {
            await stream.OnNextAsync(new Evt(i, Stopwatch.GetTimestamp()));
            await Task.Delay(2);
        }

        double[] latencies;
        var deadline = Stopwatch.StartNew();
        while ((latencies = await subscriber.Latencies()).Length < Warmup + Count && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        var measured = latencies.Skip(Warmup).Order().ToArray();
        await Task.Delay(TimeSpan.FromSeconds(2)); // let the run's tail settle before the idle window
        var cpu = await client.GetGrain<IProcessProbeGrain>(0).IdleCpuPercent(TimeSpan.FromSeconds(10));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{label,-34} received {latencies.Length - Warmup,4}/{Count}  p50 {Percentile(measured, 0.50),7:F3} ms  p99 {Percentile(measured, 0.99),7:F3} ms  max {measured.LastOrDefault(),7:F3} ms  silo idle CPU {cpu,5:F2} %"));
    }

    /// <summary>Reports the silo process's CPU with no events sent at all (LAT_IDLE_SECONDS, default 10 s).</summary>
    public static async Task Idle(IClusterClient client, string label)
    {
        await Task.Delay(TimeSpan.FromSeconds(15)); // past start-up work and tiered JIT
        var window = TimeSpan.FromSeconds(int.Parse(Environment.GetEnvironmentVariable("LAT_IDLE_SECONDS") ?? "10", CultureInfo.InvariantCulture));
        var cpu = await client.GetGrain<IProcessProbeGrain>(0).IdleCpuPercent(window);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-34} silo idle CPU over {window.TotalSeconds} s, no events {cpu,5:F2} %"));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
