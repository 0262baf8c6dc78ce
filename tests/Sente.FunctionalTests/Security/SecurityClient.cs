using System.Net;
using System.Net.WebSockets;
using Sente.FunctionalTests.Infrastructure;

namespace Sente.FunctionalTests.Security;

/// <summary>Plain HTTP and bare upgrade requests to <c>/chsk</c> with chosen headers, to see rejections exactly.</summary>
internal static class SecurityClient
{
    public static async Task<(HttpStatusCode Status, string Body)> SendAsync(
        SenteServer server,
        HttpMethod method,
        string pathAndQuery,
        string? cookie = null,
        string? origin = null,
        string? referer = null,
        IDictionary<string, string>? headers = null)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = server.BaseUri };
        using var request = new HttpRequestMessage(method, pathAndQuery);
        if (method == HttpMethod.Post)
        {
            request.Content = new StringContent("""[["demo/echo",{"n":1}],"ajax"]""", System.Text.Encoding.UTF8, "application/json");
        }

        AddHeaders(request.Headers, cookie, origin, referer, headers);
        using var response = await http.SendAsync(request).DefaultTimeout();
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Attempts a WebSocket upgrade and returns the status: 101 when it was accepted.</summary>
    public static async Task<HttpStatusCode> UpgradeAsync(Uri uri, string? cookie = null, string? origin = null, IDictionary<string, string>? headers = null)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        if (cookie is not null)
        {
            socket.Options.SetRequestHeader("Cookie", cookie);
        }

        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            socket.Options.SetRequestHeader(name, value);
        }

        try
        {
            await socket.ConnectAsync(uri, CancellationToken.None).DefaultTimeout();
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }

        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None).DefaultTimeout();
        return socket.HttpStatusCode;
    }

    private static void AddHeaders(System.Net.Http.Headers.HttpRequestHeaders target, string? cookie, string? origin, string? referer, IDictionary<string, string>? headers)
    {
        if (cookie is not null)
        {
            target.Add("Cookie", cookie);
        }

        if (origin is not null)
        {
            target.Add("Origin", origin);
        }

        if (referer is not null)
        {
            target.TryAddWithoutValidation("Referer", referer);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            target.TryAddWithoutValidation(name, value);
        }
    }
}
