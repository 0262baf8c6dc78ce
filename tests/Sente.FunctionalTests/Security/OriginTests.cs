using System.Net;
using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;

namespace Sente.FunctionalTests.Security;

/// <summary>Origin allow-list (PROTOCOL.md section 8): own origin plus <c>http://site.com</c> configured.</summary>
[Trait("Category", "Functional")]
[Collection(SecurityCollection.Name)]
public sealed class OriginTests(SecurityServerFixture fixture)
{
    private SenteServer Server => fixture.Server;

    private string OwnOrigin => Server.BaseUri.GetLeftPart(UriPartial.Authority);

    private static string Chsk => "/chsk?client-id=" + HandshakeTests.NewClientId();

    [Fact]
    public async Task WebSocket_ForeignOrigin_Refused403BeforeUpgrade()
    {
        var status = await SecurityClient.UpgradeAsync(Server.Chsk(HandshakeTests.NewClientId()), origin: "http://evil.com");

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Http_ForeignOrigin_Answers403UnauthorizedOrigin(string method)
    {
        var (status, body) = await SecurityClient.SendAsync(Server, new HttpMethod(method), Chsk, origin: "http://evil.com");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Unauthorized origin", body);
    }

    [Fact]
    public async Task WebSocket_OwnOrigin_HandshakeOk()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), origin: OwnOrigin);

        Assert.NotNull(socket.Handshake);
    }

    [Fact]
    public async Task WebSocket_ConfiguredOrigin_HandshakeOk()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), origin: SecurityServerFixture.AllowedOrigin);

        Assert.NotNull(socket.Handshake);
    }

    [Theory]
    [InlineData("http://site.com/page")]
    [InlineData("http://site.com/")]
    public async Task Http_GoodRefererWithoutOrigin_PassesOriginCheck(string referer)
    {
        var (status, body) = await SecurityClient.SendAsync(Server, HttpMethod.Post, Chsk, referer: referer);

        Assert.NotEqual(HttpStatusCode.Forbidden, status);
        Assert.NotEqual("Unauthorized origin", body);
    }

    [Fact]
    public async Task Http_OwnRefererWithoutOrigin_PassesOriginCheck()
    {
        var (status, _) = await SecurityClient.SendAsync(Server, HttpMethod.Post, Chsk, referer: OwnOrigin + "/index.html");

        Assert.NotEqual(HttpStatusCode.Forbidden, status);
    }

    [Theory]
    [InlineData("http://site.com.evil.com/")]
    [InlineData("http://site.com")]
    [InlineData("http://evil.com/http://site.com/")]
    public async Task Http_BadRefererWithoutOrigin_Answers403UnauthorizedOrigin(string referer)
    {
        var (status, body) = await SecurityClient.SendAsync(Server, HttpMethod.Get, Chsk, referer: referer);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Unauthorized origin", body);
    }

    [Fact]
    public async Task Http_OriginPrefixOfAllowed_Answers403()
    {
        var (status, body) = await SecurityClient.SendAsync(Server, HttpMethod.Get, Chsk, origin: "http://site.com.evil.com");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Unauthorized origin", body);
    }

    [Fact]
    public async Task WebSocket_NeitherOriginNorReferer_HandshakeOk()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()));

        Assert.NotNull(socket.Handshake);
    }
}
