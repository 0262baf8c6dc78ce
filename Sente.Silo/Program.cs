using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Sente.Grains.Demo;
using Sente.Hosting;

// A thin silo host: clustering, storage, streams, Sente's grains and the application's handlers.
var builder = Host.CreateApplicationBuilder(args);
var silo = builder.Configuration.GetSection("Orleans");
var siloPort = silo.GetValue("SiloPort", 11111);
var gatewayPort = silo.GetValue("GatewayPort", 30000);
var primaryPort = silo.GetValue<int?>("PrimarySiloPort");
var serviceId = silo.GetValue("ServiceId", "sente")!;
var clusterId = silo.GetValue("ClusterId", "sente-dev")!;

builder.UseOrleans(orleans =>
{
    // Localhost clustering: the first silo is the primary; others join it with Orleans:PrimarySiloPort.
    var primary = primaryPort is { } p && p != siloPort ? new IPEndPoint(IPAddress.Loopback, p) : null;
    orleans.UseLocalhostClustering(siloPort, gatewayPort, primary, serviceId, clusterId);
    orleans.AddMemoryGrainStorageAsDefault();
    orleans.AddSente(o => builder.Configuration.GetSection("Sente:Grains").Bind(o));
    // The demo handlers are application code for the demo page: off unless asked for.
    if (builder.Configuration.GetValue("Sente:Demo", false))
    {
        orleans.AddSenteDemoHandlers();
    }
});

// OTLP export when OTEL_EXPORTER_OTLP_ENDPOINT is set; the silo has no meters of its own beyond the shared ones.
builder.AddSenteOtlpExport(meters: [], sources: []);

await builder.Build().RunAsync();
