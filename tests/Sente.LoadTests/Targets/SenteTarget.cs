using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sente.Client;
using Sente.LoadTests.Hosting;
using Sente.LoadTests.Measurement;

namespace Sente.LoadTests.Targets;

/// <summary>
/// Sente in one of its hosting modes. Clients are <see cref="SenteClient"/>s logged in with the demo
/// dev login (one cookie per user); pushes go through an Orleans client in this process
/// (<c>IUserGrain.SendAsync</c>) or through the HTTP API.
/// </summary>
public sealed class SenteTarget(RepoPaths paths, bool embedded, IReadOnlyList<string> serverArgs, IReadOnlyDictionary<string, string> serverEnvironment) : IBenchTarget
{
    private readonly ConcurrentDictionary<string, Task<(string Cookie, string CsrfToken)>> _cookies = new(StringComparer.Ordinal);
    private SenteServers.Started? _servers;
    private IHost? _orleansClient;
    private HttpClient? _http;

    public string Name => embedded ? "Sente embedded" : "Sente two-process";

    public IReadOnlyList<ServerProcess> Processes => _servers?.Processes ?? [];

    public IReadOnlyList<string> PushPaths { get; } = ["orleans", "http"];

    public string EchoPath => "RequestAsync demo/echo (WS → stream → handler → observer → WS)";

    private Uri BaseUri => _servers?.BaseUri ?? throw new InvalidOperationException("Not started.");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _servers = await SenteServers.StartAsync(paths, embedded, serverArgs, serverEnvironment);
        _http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 })
        {
            BaseAddress = _servers.BaseUri,
            Timeout = TimeSpan.FromSeconds(30),
        };

        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(c => c.UseLocalhostClustering(_servers.GatewayPort, "sente", _servers.ClusterId));
        _orleansClient = builder.Build();
        await _orleansClient.StartAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(60), cancellationToken);
    }

    public async Task<IBenchClient> ConnectAsync(string user, PushSink sink, CancellationToken cancellationToken)
    {
        var (cookie, csrfToken) = await _cookies.GetOrAdd(user, LoginAsync);
        var options = new SenteClientOptions
        {
            Uri = new Uri(BaseUri, "/chsk"),

            // Measures WebSockets: a failed upgrade must fail the run, not fall back to Ajax.
            Transport = SenteTransportMode.WebSocket,
            AutoReconnect = false,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            CsrfToken = csrfToken,
        };
        options.Headers["Cookie"] = cookie;
        var client = new SenteClient(options);
        client.On(SentePushDrivers.EventId, e =>
        {
            var receivedAt = PushSink.Now();
            sink.Received(receivedAt, SentePushDrivers.SentTimestamp(e.Event));
            return ValueTask.CompletedTask;
        });
        try
        {
            await client.ConnectAsync(cancellationToken);
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }

        return new SenteBenchClient(client);
    }

    public IPushDriver CreatePushDriver(string path) => path switch
    {
        "orleans" => new SentePushDrivers.Orleans(_orleansClient!.Services.GetRequiredService<IClusterClient>()),
        "http" => new SentePushDrivers.Http(_http!),
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, "Unknown push path."),
    };

    public async ValueTask DisposeAsync()
    {
        if (_orleansClient is not null)
        {
            try
            {
                await _orleansClient.StopAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
            {
            }

            _orleansClient.Dispose();
        }

        _http?.Dispose();
        foreach (var process in Processes)
        {
            await process.DisposeAsync();
        }
    }

    /// <summary>
    /// The demo dev login (<c>POST /login</c>, form <c>user-id</c>), then a CSRF token from <c>GET /chsk/csrf-token</c>:
    /// returns the cookie header (auth and antiforgery cookies) and the token a cookie-authenticated connect needs.
    /// </summary>
    private async Task<(string Cookie, string CsrfToken)> LoginAsync(string user)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/login")
        {
            Content = new FormUrlEncodedContent([new("user-id", user)]),
        };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await _http!.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var setCookie = response.Headers.GetValues("Set-Cookie").First();
        var cookie = setCookie[..setCookie.IndexOf(';')];

        using var tokenRequest = new HttpRequestMessage(HttpMethod.Get, "/chsk/csrf-token");
        tokenRequest.Headers.Add("Cookie", cookie);
        using var tokenResponse = await _http.SendAsync(tokenRequest);
        tokenResponse.EnsureSuccessStatusCode();
        using var body = System.Text.Json.JsonDocument.Parse(await tokenResponse.Content.ReadAsStringAsync());
        var token = body.RootElement.GetProperty("token").GetString()!;
        var antiforgeryCookies = tokenResponse.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(c => c[..c.IndexOf(';')])
            : [];
        return (string.Join("; ", antiforgeryCookies.Prepend(cookie)), token);
    }

    private sealed class SenteBenchClient(SenteClient client) : IBenchClient
    {
        public Task EchoAsync(int value, CancellationToken cancellationToken) =>
            client.RequestAsync(new Protocol.SenteEvent("demo/echo", $"{{\"i\":{value}}}"), TimeSpan.FromSeconds(10), cancellationToken);

        public ValueTask DisposeAsync() => client.DisposeAsync();
    }
}
