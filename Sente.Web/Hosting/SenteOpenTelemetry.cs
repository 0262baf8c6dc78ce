using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Sente.Grains.Diagnostics;
using Sente.Web.Diagnostics;

namespace Sente.Web.Hosting;

/// <summary>
/// Exports metrics and traces over OTLP when an endpoint is configured (the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> variable, or <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> in configuration).
/// Without one nothing is exported and nothing is paid: the meters still feed <c>dotnet-counters</c>.
/// </summary>
internal static class SenteOpenTelemetry
{
    private const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static void AddSenteOpenTelemetry(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointKey]))
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddMeter(SenteWebMetrics.MeterName, SenteGrainMetrics.MeterName)
                .AddMeter("Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections")
                .AddMeter("System.Runtime", "Microsoft.Orleans")
                .AddOtlpExporter())
            .WithTracing(tracing => tracing
                .AddSource("Microsoft.AspNetCore", "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddOtlpExporter());
    }
}
