using System.Net;
using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;

namespace Sente.FunctionalTests.Security;

/// <summary><c>MapSente(...).RequireAuthorization(...)</c> answers 401 inside Sente's rejection order.</summary>
[Trait("Category", "Functional")]
[Collection(SecurityCollection.Name)]
public sealed class AuthorizationTests(SecurityServerFixture fixture)
{
    private SenteServer Server => fixture.Server;

    private Uri Secure(string path = SecurityServerFixture.SecurePath) =>
        new UriBuilder(Server.ChskUri) { Path = path, Query = "client-id=" + HandshakeTests.NewClientId() }.Uri;

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task RequireAuthorization_Anonymous_Answers401UnauthorizedRequest(string method)
    {
        var (status, body) = await SecurityClient.SendAsync(Server, new HttpMethod(method), Secure().PathAndQuery);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Unauthorized request", body);
    }

    [Fact]
    public async Task RequireAuthorization_AnonymousWebSocket_Refused401BeforeUpgrade()
    {
        var status = await SecurityClient.UpgradeAsync(Secure());

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task RequireAuthorization_LoggedInWithToken_HandshakeOk()
    {
        var cookie = await Server.LoginAsync("authz-ok");

        await using var socket = await RawSenteSocket.ConnectAsync(Secure(), cookie);

        Assert.Equal("authz-ok", socket.Handshake.Payload[1][0].GetString());
    }

    [Fact]
    public async Task RequireAuthorization_LoggedInWithoutToken_CsrfAnswerNotChallenge()
    {
        var cookie = await Server.LoginAsync("authz-no-token");

        var (status, body) = await SecurityClient.SendAsync(Server, HttpMethod.Get, Secure().PathAndQuery, cookie);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Bad CSRF token", body);
    }

    [Fact]
    public async Task RequireAuthorization_AnonymousForeignOrigin_OriginAnswerBeforeAuthorization()
    {
        var (status, body) = await SecurityClient.SendAsync(Server, HttpMethod.Get, Secure().PathAndQuery, origin: "http://evil.com");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Unauthorized origin", body);
    }

    [Fact]
    public async Task RequireRole_LoggedInWithoutRole_Answers401()
    {
        var (cookie, token) = await CsrfTokens.FetchAsync(Server.ChskUri, await Server.LoginAsync("authz-no-role"));

        var (status, body) = await SecurityClient.SendAsync(
            Server, HttpMethod.Get, Secure(SecurityServerFixture.AdminPath).PathAndQuery, cookie,
            headers: new Dictionary<string, string> { ["X-CSRF-Token"] = token });

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Unauthorized request", body);
    }

    [Fact]
    public async Task RequireAuthorizationWithAllowAnonymous_Anonymous_HandshakeOk()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Secure(SecurityServerFixture.OpenPath));

        Assert.NotNull(socket.Handshake);
    }

    [Fact]
    public async Task CsrfTokenEndpoint_OfSecondMapSente_ServesTokens()
    {
        var (cookie, token) = await CsrfTokens.FetchAsync(Secure(), await Server.LoginAsync("authz-second"));

        await using var socket = await RawSenteSocket.ConnectAsync(CsrfTokens.WithToken(Secure(), token), cookie, csrf: false);

        Assert.Equal("authz-second", socket.Handshake.Payload[1][0].GetString());
    }
}
