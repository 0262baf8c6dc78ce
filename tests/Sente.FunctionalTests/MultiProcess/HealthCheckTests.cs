using System.Diagnostics;
using System.Net;
using Xunit.Abstractions;

namespace Sente.FunctionalTests.MultiProcess;

/// <summary>
/// <c>/healthz/ready</c> follows the web node's lease: ready while the silo renews it, not ready
/// once the silo is gone for longer than the lease, while <c>/healthz/live</c> stays up.
/// </summary>
[Trait("Category", "Functional")]
[Collection(MultiProcessCollection.Name)]
public sealed class HealthCheckTests(ITestOutputHelper output)
{
    [Fact]
    public Task Ready_SiloKilled_NotReadyWithinLeaseButStillLive() => ProcessCluster.RunAsync(output, async cluster =>
    {
        var silo = await cluster.StartSiloAsync("silo");
        var web = await cluster.StartWebAsync("web", [silo], LeaseTimings.Fast);
        using var http = web.CreateHttpClient();

        using (var ready = await http.GetAsync("/healthz/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        }

        silo.Process.Kill();
        var sinceKill = Stopwatch.StartNew();
        cluster.Log("killed the silo; lease 2 s");
        while (true)
        {
            using var ready = await http.GetAsync("/healthz/ready");
            if (ready.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
                break;
            }

            Assert.True(sinceKill.Elapsed < TimeSpan.FromSeconds(10), $"/healthz/ready still {ready.StatusCode} {sinceKill.Elapsed.TotalSeconds:0.0} s after the silo died");
            await Task.Delay(100);
        }

        // One failed heartbeat is no outage: the first fails within 0.5 s of the kill, but readiness
        // waits for the lease (2 s after the last renewal, itself at most 0.5 s before the kill,
        // give or take a starved CPU; hence the margin).
        Assert.True(sinceKill.Elapsed > TimeSpan.FromSeconds(0.7), $"not ready after only {sinceKill.Elapsed.TotalSeconds:0.0} s: a single failed heartbeat must not flip readiness");
        using var live = await http.GetAsync("/healthz/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    });
}
