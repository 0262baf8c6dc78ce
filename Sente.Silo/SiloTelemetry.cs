using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Sente.Grains.Diagnostics;

/// <summary>
/// Exports the silo's metrics and traces over OTLP when an endpoint is configured (the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>, as an environment variable or configuration key); without one
/// nothing is exported and the meters still feed <c>dotnet-counters</c>.
/// </summary>
internal static class SiloTelemetry
{
    public static void AddSiloOpenTelemetry(this HostApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddMeter(SenteGrainMetrics.MeterName, "System.Runtime", "Microsoft.Orleans")
                .AddOtlpExporter())
            .WithTracing(tracing => tracing
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddOtlpExporter());
    }
}
