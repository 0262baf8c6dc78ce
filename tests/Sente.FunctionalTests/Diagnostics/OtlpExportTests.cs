using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;
using Sente.Grains.Diagnostics;
using Sente.Web.Diagnostics;

namespace Sente.FunctionalTests.Diagnostics;

/// <summary>With <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, the Sente.Web host exports Sente's metrics over OTLP.</summary>
[Trait("Category", "Functional")]
public sealed class OtlpExportTests
{
    [Fact]
    public async Task OtlpEndpointConfigured_WebAndGrainMetricsAreExported()
    {
        await using var collector = await OtlpCollector.StartAsync();
        await using var server = await SenteServer.StartAsync(collector.ExporterSettings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value));
        await using var socket = await RawSenteSocket.ConnectAsync(server.Chsk(HandshakeTests.NewClientId()));

        // The embedded host runs the silo too, so both meters leave through it.
        await collector.WaitForMetricsAsync(
            TimeSpan.FromSeconds(20),
            SenteWebMetrics.MeterName, "sente.connections.active", "sente.handshakes", SenteGrainMetrics.MeterName, "sente.user.connects");
    }
}
