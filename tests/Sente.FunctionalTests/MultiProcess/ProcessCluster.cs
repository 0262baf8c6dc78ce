using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sente.FunctionalTests.Infrastructure;
using Xunit.Abstractions;

namespace Sente.FunctionalTests.MultiProcess;

/// <summary>Multi-process tests start and kill whole processes: they run one at a time (beside the other test classes).</summary>
[CollectionDefinition(Name)]
public sealed class MultiProcessCollection
{
    public const string Name = "MultiProcess";
}

/// <summary>
/// The processes of one test: silos and web nodes on 127.0.0.1 with free ports and a cluster id of
/// their own, plus Orleans clients the test process opens itself. <see cref="RunAsync"/> writes
/// every process's output to the test output when the test fails, and kills everything at the end.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly List<SenteProcess> _processes = [];
    private readonly List<IHost> _clients = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _lock = new();

    private ProcessCluster(ITestOutputHelper output) => _output = output;

    public string ClusterId { get; } = "mp-" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>Runs a test body; on failure, dumps every process's output into the test output. Always kills the processes.</summary>
    public static async Task RunAsync(ITestOutputHelper output, Func<ProcessCluster, Task> body)
    {
        var cluster = new ProcessCluster(output);
        try
        {
            await body(cluster);
            if (Environment.GetEnvironmentVariable("SENTE_TEST_PROCESS_LOGS") == "1")
            {
                cluster.DumpProcessOutput();
            }
        }
        catch (Exception ex)
        {
            cluster.Log($"FAILED: {ex.GetType().Name}: {ex.Message}");
            cluster.DumpProcessOutput();
            throw;
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    /// <summary>Writes a line to the test output with the time since the test started.</summary>
    public void Log(string message) =>
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[test +{_clock.Elapsed.TotalSeconds:0.000}s] {message}"));

    /// <summary>Starts a silo on free ports; with <paramref name="primary"/> it joins that silo's cluster.</summary>
    public async Task<Silo> StartSiloAsync(string name, Silo? primary = null, params string[] extraArgs)
    {
        var siloPort = FreePort.Next();
        var gatewayPort = FreePort.Next();
        var process = await Track(SenteProcess.StartSiloAsync(name, ClusterId, siloPort, gatewayPort, primary?.SiloPort, extraArgs));
        Log($"{name} ready in {process.StartupTime.TotalSeconds:0.00} s (pid {process.ProcessId}, silo port {siloPort}, gateway {gatewayPort})");
        return new Silo(process, siloPort, gatewayPort);
    }

    /// <summary>Starts a web node in Client mode connected to the given silos' gateways.</summary>
    public async Task<SenteProcess> StartWebAsync(string name, IEnumerable<Silo> silos, params string[] extraArgs)
    {
        var process = await Track(SenteProcess.StartWebAsync(name, ClusterId, FreePort.Next(), silos.Select(s => s.GatewayPort), extraArgs));
        Log($"{name} ready in {process.StartupTime.TotalSeconds:0.00} s (pid {process.ProcessId}, {process.BaseUri})");
        return process;
    }

    /// <summary>Connects this test process to the cluster as an external Orleans client (as any .NET service would).</summary>
    public async Task<IClusterClient> ConnectClientAsync(IEnumerable<Silo> silos)
    {
        var ports = silos.Select(s => s.GatewayPort).ToArray();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(c => c.UseLocalhostClustering(ports, "sente", ClusterId));
        var host = builder.Build();
        lock (_lock)
        {
            _clients.Add(host);
        }

        await host.StartAsync().DefaultTimeout();
        return host.Services.GetRequiredService<IClusterClient>();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            try
            {
                await client.StopAsync().WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception)
            {
                // The silos may be gone already; the process is going away.
            }

            client.Dispose();
        }

        // Web nodes first, then silos: nobody is left talking to a dead silo.
        foreach (var process in Enumerable.Reverse(_processes))
        {
            await process.DisposeAsync();
        }
    }

    private async Task<SenteProcess> Track(Task<SenteProcess> starting)
    {
        var process = await starting;
        lock (_lock)
        {
            _processes.Add(process);
        }

        return process;
    }

    private void DumpProcessOutput()
    {
        List<SenteProcess> processes;
        lock (_lock)
        {
            processes = [.. _processes];
        }

        foreach (var process in processes)
        {
            _output.WriteLine(process.DumpOutput());
        }
    }
}

/// <summary>A silo process and its ports.</summary>
public sealed record Silo(SenteProcess Process, int SiloPort, int GatewayPort);

/// <summary>The web node's HTTP API (PROTOCOL.md section 10) as the tests use it.</summary>
public static class SenteApi
{
    /// <summary><c>POST /api/users/{uid}/events</c>; returns <c>clients</c> from the 202 answer.</summary>
    public static async Task<int> PushAsync(this SenteProcess web, string uid, string id, string dataJson)
    {
        using var http = web.CreateHttpClient();
        using var content = new StringContent($"[{JsonSerializer.Serialize(id)},{dataJson}]", Encoding.UTF8, "application/json");
        using var response = await http.PostAsync($"/api/users/{Uri.EscapeDataString(uid)}/events", content).DefaultTimeout();
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{web.Name}: push answered {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("clients").GetInt32();
    }

    /// <summary><c>GET /api/users/{uid}</c>: the one client with id <paramref name="clientId"/>.</summary>
    public static async Task<ApiClient> GetClientAsync(this SenteProcess web, string uid, string clientId)
    {
        using var http = web.CreateHttpClient();
        using var user = await http.GetFromJsonAsync<JsonDocument>($"/api/users/{Uri.EscapeDataString(uid)}").DefaultTimeout();
        var client = user!.RootElement.GetProperty("clients").EnumerateArray().Single(c => c.GetProperty("client-id").GetString() == clientId);
        return new ApiClient(
            client.GetProperty("connected").GetBoolean(),
            client.GetProperty("last-seq").GetInt64(),
            client.GetProperty("acked-seq").GetInt64());
    }
}

/// <summary>A client-id as <c>GET /api/users/{uid}</c> reports it.</summary>
public sealed record ApiClient(bool Connected, long LastSeq, long AckedSeq);
