using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Sente.FunctionalTests.Infrastructure;
using Sente.Web;

namespace Sente.FunctionalTests.Security;

/// <summary>
/// One server for the security tests: CSRF on (the default), <c>http://site.com</c> allowed besides the
/// server's own origin, a reject hook and an authorization delegate driven by test headers, and two
/// more Sente endpoints behind <c>.RequireAuthorization(...)</c> and one that also allows anonymous users.
/// </summary>
public sealed class SecurityServerFixture : IAsyncLifetime
{
    public const string AllowedOrigin = "http://site.com";
    public const string RejectHeader = "X-Test-Reject";
    public const string DenyHeader = "X-Test-Deny";
    public const string ThrowHeader = "X-Test-Throw";
    public const string OpenPath = "/open/chsk";
    public const string SecurePath = "/secure/chsk";
    public const string AdminPath = "/admin/chsk";

    public SenteServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SenteServer.StartAsync(
        new Dictionary<string, string?> { ["Sente:AllowedOrigins:0"] = AllowedOrigin },
        builder => builder.Services.Configure<SenteOptions>(o =>
        {
            o.RejectRequest = ctx => ctx.Request.Headers.ContainsKey(ThrowHeader)
                ? throw new InvalidOperationException("secret detail")
                : ValueTask.FromResult<IResult?>(ctx.Request.Headers.ContainsKey(RejectHeader)
                ? Results.Text("slow down", statusCode: StatusCodes.Status429TooManyRequests)
                : null);
            o.Authorize = ctx => ValueTask.FromResult(!ctx.Request.Headers.ContainsKey(DenyHeader));
        }),
        app =>
        {
            app.MapSente(SecurePath).RequireAuthorization();
            app.MapSente(AdminPath).RequireAuthorization(p => p.RequireRole("admin"));
            app.MapSente(OpenPath).RequireAuthorization().AllowAnonymous();
        });

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SecurityCollection : ICollectionFixture<SecurityServerFixture>
{
    public const string Name = "Security";
}
