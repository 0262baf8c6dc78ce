using System.Net;
using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;

namespace Sente.FunctionalTests.Security;

/// <summary>PROTOCOL.md section 8: reject hook → CSRF → origin → authorization; first failure wins.</summary>
[Trait("Category", "Functional")]
[Collection(SecurityCollection.Name)]
public sealed class RejectionOrderTests(SecurityServerFixture fixture)
{
    private SenteServer Server => fixture.Server;

    private static string Chsk => "/chsk?client-id=" + HandshakeTests.NewClientId();

    [Fact]
    public async Task RejectHook_ReturnsResult_ItsResponseIsSent()
    {
        var (status, body) = await SecurityClient.SendAsync(Server, HttpMethod.Get, Chsk, headers: Header(SecurityServerFixture.RejectHeader));

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("slow down", body);
    }

    [Fact]
    public async Task RejectHook_ReturnsResultAndCsrfFails_HookWins()
    {
        var cookie = await Server.LoginAsync("hook-wins");

        var (status, body) = await SecurityClient.SendAsync(Server, HttpMethod.Post, Chsk, cookie, headers: Header(SecurityServerFixture.RejectHeader));

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal("slow down", body);
    }

    [Fact]
    public async Task RejectHook_WebSocketUpgrade_RefusedBeforeUpgrade()
    {
        var status = await SecurityClient.UpgradeAsync(Server.Chsk(HandshakeTests.NewClientId()), headers: Header(SecurityServerFixture.RejectHeader));

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
    }

    [Fact]
    public async Task RejectHook_ReturnsNull_DoesNotBypassFailingCsrf()
    {
        var cookie = await Server.LoginAsync("hook-null");

        var (status, body) = await SecurityClient.SendAsync(Server, HttpMethod.Get, Chsk, cookie);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Bad CSRF token", body);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task Csrf_FailsAndOriginFails_CsrfAnswerWins(string method)
    {
        var cookie = await Server.LoginAsync("both-fail");

        var (status, body) = await SecurityClient.SendAsync(Server, new HttpMethod(method), Chsk, cookie, origin: "http://evil.com");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Bad CSRF token", body);
    }

    [Fact]
    public async Task Origin_FailsAndAuthorizationFails_OriginAnswerWins()
    {
        var (status, body) = await SecurityClient.SendAsync(
            Server, HttpMethod.Get, Chsk, origin: "http://evil.com", headers: Header(SecurityServerFixture.DenyHeader));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("Unauthorized origin", body);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task AuthorizeDelegate_ReturnsFalse_Answers401(string method)
    {
        var (status, body) = await SecurityClient.SendAsync(Server, new HttpMethod(method), Chsk, headers: Header(SecurityServerFixture.DenyHeader));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("Unauthorized request", body);
    }

    [Fact]
    public async Task AuthorizeDelegate_ReturnsFalseOverWebSocket_RefusedBeforeUpgrade()
    {
        var status = await SecurityClient.UpgradeAsync(Server.Chsk(HandshakeTests.NewClientId()), headers: Header(SecurityServerFixture.DenyHeader));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task InvalidClientId_AndRejectHook_ClientIdAnswerComesFirst()
    {
        var (status, body) = await SecurityClient.SendAsync(Server, HttpMethod.Get, "/chsk", headers: Header(SecurityServerFixture.RejectHeader));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Missing or invalid client-id", body);
    }

    [Fact]
    public async Task RejectHook_Throws_Answers500WithoutDetails()
    {
        var (status, body) = await SecurityClient.SendAsync(Server, HttpMethod.Get, Chsk, headers: Header(SecurityServerFixture.ThrowHeader));

        Assert.Equal(HttpStatusCode.InternalServerError, status);
        Assert.Equal("", body);
    }

    private static Dictionary<string, string> Header(string name) => new() { [name] = "1" };
}
