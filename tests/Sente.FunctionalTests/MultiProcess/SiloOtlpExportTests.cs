using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;
using Sente.Grains.Diagnostics;
using Xunit.Abstractions;

namespace Sente.FunctionalTests.MultiProcess;

/// <summary>A Sente.Silo process with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set exports the grains' metrics over OTLP.</summary>
[Trait("Category", "Functional")]
[Collection(MultiProcessCollection.Name)]
public sealed class SiloOtlpExportTests(ITestOutputHelper output)
{
    [Fact]
    public Task SiloWithOtlpEndpoint_ExportsGrainMetrics() => ProcessCluster.RunAsync(output, async cluster =>
    {
        await using var collector = await OtlpCollector.StartAsync();
        var silo = await cluster.StartSiloAsync("silo", null, [.. collector.ExporterSettings.Select(kv => $"--{kv.Key}={kv.Value}")]);
        var web = await cluster.StartWebAsync("web", [silo]);

        await using var socket = await RawSenteSocket.ConnectAsync(web.Chsk(HandshakeTests.NewClientId()), await web.LoginAsync("mp-otel"));

        await collector.WaitForMetricsAsync(TimeSpan.FromSeconds(20), SenteGrainMetrics.MeterName, "sente.user.connects");
    });
}
