using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Sente.Web;

namespace Sente.FunctionalTests.Infrastructure;

/// <summary>
/// A real Sente web process in the embedded default (web node + co-hosted silo) on 127.0.0.1,
/// on free ports, with the demo handlers and test handlers.
/// </summary>
public sealed class SenteServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SenteServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public Uri ChskUri => new UriBuilder(BaseUri) { Scheme = BaseUri.Scheme == "https" ? "wss" : "ws", Path = "/chsk" }.Uri;

    public IServiceProvider Services => _app.Services;

    public IClusterClient Cluster => _app.Services.GetRequiredService<IClusterClient>();

    /// <param name="settings">Configuration keys (<c>Sente:...</c>).</param>
    /// <param name="configure">Changes to the builder (services, logging).</param>
    /// <param name="configureApp">Changes to the built app before it starts (e.g. more endpoints).</param>
    public static async Task<SenteServer> StartAsync(
        IDictionary<string, string?>? settings = null,
        Action<WebApplicationBuilder>? configure = null,
        Action<WebApplication>? configureApp = null)
    {
        var args = new Dictionary<string, string?>
        {
            ["urls"] = "http://127.0.0.1:0",
            ["Orleans:Mode"] = "Embedded",
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
            ["Orleans:ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..8],
            ["Sente:Demo"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Error",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            args[key] = value;
        }

        var app = SenteWebApplication.Build(args.Select(kv => $"--{kv.Key}={kv.Value}").ToArray(), builder =>
        {
            TestHandlers.Register(builder.Services);
            configure?.Invoke(builder);
        });
        configureApp?.Invoke(app);
        await app.StartAsync().DefaultTimeout(TimeSpan.FromSeconds(60));
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new SenteServer(app, new Uri(address));
    }

    public Uri Chsk(string clientId, long? lastSeq = null, string? extra = null)
    {
        var query = $"client-id={Uri.EscapeDataString(clientId)}" + (lastSeq is { } s ? $"&last-seq={s}" : "") + (extra is null ? "" : "&" + extra);
        return new UriBuilder(ChskUri) { Query = query }.Uri;
    }

    /// <summary>Logs a user in with the dev login and returns its auth cookie header value.</summary>
    public async Task<string> LoginAsync(string userId)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = BaseUri };
        using var response = await http.PostAsync("/login", new FormUrlEncodedContent([new("user-id", userId)]));
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.OK, $"login answered {response.StatusCode}");
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        return cookie[..cookie.IndexOf(';')];
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseUri };

    /// <summary>
    /// Options for a <see cref="Sente.Client.SenteClient"/> of this server, logged in as
    /// <paramref name="user"/> (auth cookie, antiforgery cookie and CSRF token) when given.
    /// </summary>
    public async Task<Sente.Client.SenteClientOptions> ClientOptionsAsync(string? user = null, string? clientId = null, Sente.Client.SenteTransportMode mode = Sente.Client.SenteTransportMode.Auto)
    {
        var options = new Sente.Client.SenteClientOptions { Uri = ChskUri, Transport = mode };
        if (clientId is not null)
        {
            options.ClientId = clientId;
        }

        if (user is not null)
        {
            var (cookies, token) = await CsrfTokens.FetchAsync(ChskUri, await LoginAsync(user));
            options.CsrfToken = token;
            options.Cookies = new CookieContainer();
            foreach (var cookie in cookies.Split("; "))
            {
                options.Cookies.Add(new Cookie(cookie[..cookie.IndexOf('=')], cookie[(cookie.IndexOf('=') + 1)..], "/", BaseUri.Host));
            }
        }

        return options;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }
}
