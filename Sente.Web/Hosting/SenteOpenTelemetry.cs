using Sente.Hosting;
using Sente.Web.Diagnostics;

namespace Sente.Web.Hosting;

/// <summary>
/// The web node's OTLP export (when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set): what every Sente host
/// exports, plus this node's meter and ASP.NET Core's meters and traces.
/// </summary>
internal static class SenteOpenTelemetry
{
    public static void AddSenteOpenTelemetry(this WebApplicationBuilder builder) => builder.AddSenteOtlpExport(
        meters: [SenteWebMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections"],
        sources: ["Microsoft.AspNetCore"]);
}
