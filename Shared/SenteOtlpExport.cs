using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Sente.Grains.Diagnostics;

namespace Sente.Hosting;

/// <summary>
/// OTLP export for both Sente hosts (the silo, and the web node with or without a co-hosted silo).
/// Compiled into each host rather than put in a library, so <c>Sente.Grains</c> does not drag the
/// OpenTelemetry exporter into services that only reference it.
/// </summary>
internal static class SenteOtlpExport
{
    /// <summary>The standard variable naming the collector; also read as a configuration key.</summary>
    public const string EndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Exports the silo-side meters and traces (Sente's grains, Orleans, the runtime) plus the host's
    /// own, when an endpoint is configured. Without one nothing is registered and nothing is paid:
    /// the meters still feed <c>dotnet-counters</c>.
    /// </summary>
    /// <param name="builder">The host builder.</param>
    /// <param name="meters">The host's own meters.</param>
    /// <param name="sources">The host's own activity sources.</param>
    public static void AddSenteOtlpExport(this IHostApplicationBuilder builder, string[] meters, string[] sources)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointKey]))
        {
            return;
        }

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(builder.Environment.ApplicationName))
            .WithMetrics(metrics => metrics
                .AddMeter(SenteGrainMetrics.MeterName, "System.Runtime", "Microsoft.Orleans")
                .AddMeter(meters)
                .AddOtlpExporter())
            .WithTracing(tracing => tracing
                .AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddSource(sources)
                .AddOtlpExporter());
    }
}
