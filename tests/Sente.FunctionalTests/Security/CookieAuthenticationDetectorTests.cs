using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Sente.FunctionalTests.Infrastructure;
using Sente.Web.Internal.Security;

namespace Sente.FunctionalTests.Security;

/// <summary>The cookie-authenticated rule (docs/protocol.md section 11), against the real server's authentication setup.</summary>
[Trait("Category", "Functional")]
[Collection(SecurityCollection.Name)]
public sealed class CookieAuthenticationDetectorTests(SecurityServerFixture fixture) : IDisposable
{
    private readonly List<IServiceScope> _scopes = [];

    private SenteServer Server => fixture.Server;

    public void Dispose() => _scopes.ForEach(s => s.Dispose());

    private CookieAuthenticationDetector Detector => Server.Services.GetRequiredService<CookieAuthenticationDetector>();

    [Fact]
    public async Task IsCookieAuthenticated_IdentityOfCookieScheme_True()
    {
        var context = NewContext(new ClaimsIdentity([new Claim(ClaimTypes.Name, "x")], "Cookies"));

        Assert.True(await Detector.IsCookieAuthenticatedAsync(context));
    }

    [Fact]
    public async Task IsCookieAuthenticated_BearerIdentityWithoutCookie_False()
    {
        var context = NewContext(new ClaimsIdentity([new Claim(ClaimTypes.Name, "x")], "Bearer"));

        Assert.False(await Detector.IsCookieAuthenticatedAsync(context));
    }

    [Fact]
    public async Task IsCookieAuthenticated_BearerIdentityButValidAuthCookie_True()
    {
        var context = NewContext(new ClaimsIdentity([new Claim(ClaimTypes.Name, "x")], "Bearer"));
        context.Request.Headers.Cookie = await Server.LoginAsync("detector-cookie");

        Assert.True(await Detector.IsCookieAuthenticatedAsync(context));
    }

    [Fact]
    public async Task IsCookieAuthenticated_AnonymousWithForgedAuthCookie_False()
    {
        var context = NewContext(new ClaimsIdentity());
        context.Request.Headers.Cookie = "sente-demo=forged";

        Assert.False(await Detector.IsCookieAuthenticatedAsync(context));
    }

    private DefaultHttpContext NewContext(ClaimsIdentity identity)
    {
        // A scope per request, as the server has: authentication handlers are cached per scope.
        var scope = Server.Services.CreateScope();
        _scopes.Add(scope);
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider, User = new ClaimsPrincipal(identity) };
        context.Request.Scheme = "http";
        context.Request.Host = new HostString(Server.BaseUri.Authority);
        return context;
    }
}
