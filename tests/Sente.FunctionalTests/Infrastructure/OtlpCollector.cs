using System.Text;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sente.FunctionalTests.Infrastructure;

/// <summary>
/// A minimal OTLP/HTTP collector on loopback: it keeps each metrics export's body. Protobuf keeps
/// strings as UTF-8, so meter and instrument names can be looked for in the bodies as they are.
/// </summary>
public sealed class OtlpCollector : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<string> _metrics = Channel.CreateUnbounded<string>();

    private OtlpCollector(WebApplication app) => _app = app;

    /// <summary>Gets the base address, the value for <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>.</summary>
    public string Endpoint => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    /// <summary>Gets the settings that point an OpenTelemetry SDK here, exporting every 300 ms.</summary>
    public IEnumerable<KeyValuePair<string, string>> ExporterSettings =>
    [
        new("OTEL_EXPORTER_OTLP_ENDPOINT", Endpoint),
        new("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
        new("OTEL_METRIC_EXPORT_INTERVAL", "300"),
    ];

    public static async Task<OtlpCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var collector = new OtlpCollector(app);
        app.MapPost("/v1/metrics", async (HttpRequest request) =>
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer);
            collector._metrics.Writer.TryWrite(Encoding.UTF8.GetString(buffer.ToArray()));
            return Results.Ok();
        });
        app.MapPost("/v1/traces", () => Results.Ok());
        await app.StartAsync();
        return collector;
    }

    /// <summary>Waits for a metrics export that names every one of <paramref name="names"/>; fails clearly if none comes.</summary>
    public async Task<string> WaitForMetricsAsync(TimeSpan timeout, params string[] names)
    {
        using var cts = new CancellationTokenSource(timeout);
        var exports = 0;
        try
        {
            await foreach (var body in _metrics.Reader.ReadAllAsync(cts.Token))
            {
                exports++;
                if (names.All(n => body.Contains(n, StringComparison.Ordinal)))
                {
                    return body;
                }
            }
        }
        catch (OperationCanceledException) when (cts.IsCancellationRequested)
        {
        }

        Assert.Fail($"no OTLP metrics export named all of {string.Join(", ", names)} within {timeout.TotalSeconds:0} s ({exports} exports received)");
        return "";
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
