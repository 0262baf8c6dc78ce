using System.Net;
using System.Text.Json;
using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;
using Sente.Protocol;

namespace Sente.FunctionalTests.Security;

/// <summary>CSRF (PROTOCOL.md section 8): cookie-authenticated requests need an antiforgery token; others do not.</summary>
[Trait("Category", "Functional")]
[Collection(SecurityCollection.Name)]
public sealed class CsrfTests(SecurityServerFixture fixture)
{
    private SenteServer Server => fixture.Server;

    private static string Chsk => "/chsk?client-id=" + HandshakeTests.NewClientId();

    [Fact]
    public async Task WebSocket_CookieWithoutToken_Refused403BeforeUpgrade()
    {
        var cookie = await Server.LoginAsync("csrf-none");

        var status = await SecurityClient.UpgradeAsync(Server.Chsk(HandshakeTests.NewClientId()), cookie);

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Http_CookieWithoutToken_Answers403BadCsrfToken(string method)
    {
        var cookie = await Server.LoginAsync("csrf-none-http");

        var (status, body) = await SecurityClient.SendAsync(Server, new HttpMethod(method), Chsk, cookie);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Bad CSRF token", body);
    }

    [Fact]
    public async Task WebSocket_CookieWithTokenFromCsrfEndpoint_HandshakeOk()
    {
        var (cookie, token) = await CsrfTokens.FetchAsync(Server.ChskUri, await Server.LoginAsync("csrf-good"));

        await using var socket = await RawSenteSocket.ConnectAsync(
            CsrfTokens.WithToken(Server.Chsk(HandshakeTests.NewClientId()), token), cookie, csrf: false);

        Assert.Equal("csrf-good", socket.Handshake.Payload[1][0].GetString());
    }

    [Fact]
    public async Task WebSocket_CookieWithBadToken_Refused403()
    {
        var (cookie, _) = await CsrfTokens.FetchAsync(Server.ChskUri, await Server.LoginAsync("csrf-bad"));

        var status = await SecurityClient.UpgradeAsync(CsrfTokens.WithToken(Server.Chsk(HandshakeTests.NewClientId()), "bad"), cookie);

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task WebSocket_TokenWithoutItsAntiforgeryCookie_Refused403()
    {
        var cookie = await Server.LoginAsync("csrf-no-pair");
        var (_, token) = await CsrfTokens.FetchAsync(Server.ChskUri, cookie);

        var status = await SecurityClient.UpgradeAsync(CsrfTokens.WithToken(Server.Chsk(HandshakeTests.NewClientId()), token), cookie);

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task WebSocket_TokenOfAnotherUser_Refused403()
    {
        var (_, othersToken) = await CsrfTokens.FetchAsync(Server.ChskUri, await Server.LoginAsync("csrf-other"));
        var (cookie, _) = await CsrfTokens.FetchAsync(Server.ChskUri, await Server.LoginAsync("csrf-victim"));

        var status = await SecurityClient.UpgradeAsync(CsrfTokens.WithToken(Server.Chsk(HandshakeTests.NewClientId()), othersToken), cookie);

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Http_CookieWithTokenInHeader_PassesSecurity(string method)
    {
        var (cookie, token) = await CsrfTokens.FetchAsync(Server.ChskUri, await Server.LoginAsync("csrf-ajax"));

        // handshake=1: a quick answer from whichever transport serves plain GETs on this branch.
        var (status, body) = await SecurityClient.SendAsync(
            Server, new HttpMethod(method), Chsk + "&handshake=1", cookie, headers: new Dictionary<string, string> { [ProtocolConstants.CsrfTokenHeader] = token });

        Assert.NotEqual(HttpStatusCode.Forbidden, status);
        Assert.NotEqual(HttpStatusCode.Unauthorized, status);
        Assert.NotEqual("Bad CSRF token", body);
    }

    [Fact]
    public async Task Http_CookieWithBadTokenInHeader_Answers403()
    {
        var (cookie, _) = await CsrfTokens.FetchAsync(Server.ChskUri, await Server.LoginAsync("csrf-ajax-bad"));

        var (status, body) = await SecurityClient.SendAsync(
            Server, HttpMethod.Post, Chsk, cookie, headers: new Dictionary<string, string> { [ProtocolConstants.CsrfTokenHeader] = "bad" });

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Bad CSRF token", body);
    }

    [Fact]
    public async Task WebSocket_AnonymousWithoutToken_HandshakeOk()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        Assert.Equal(ProtocolConstants.NilUid, socket.Handshake.Payload[1][0].GetString());
    }

    [Fact]
    public async Task Http_AnonymousWithoutToken_PassesSecurity()
    {
        var (status, body) = await SecurityClient.SendAsync(Server, HttpMethod.Post, Chsk);

        Assert.NotEqual(HttpStatusCode.Forbidden, status);
        Assert.NotEqual(HttpStatusCode.Unauthorized, status);
        Assert.NotEqual("Bad CSRF token", body);
    }

    [Fact]
    public async Task CsrfTokenEndpoint_Get_ReturnsTokenJsonWithoutCorsHeaders()
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/chsk/csrf-token");
        request.Headers.Add("Origin", "http://evil.com");

        using var response = await http.SendAsync(request).DefaultTimeout();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.False(string.IsNullOrEmpty(body.GetProperty("token").GetString()));
        Assert.DoesNotContain(response.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
    }
}
