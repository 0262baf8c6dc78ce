using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sente.Web.Demo;

/// <summary>
/// The demo app's development login: <c>POST /login</c> (form field <c>user-id</c>) sets an auth
/// cookie, <c>POST /logout</c> clears it. Application code, on only when configured.
/// </summary>
public static class DemoEndpoints
{
    /// <summary>Maps the dev-login endpoints.</summary>
    /// <param name="endpoints">The route builder.</param>
    /// <returns>The route builder.</returns>
    public static IEndpointRouteBuilder MapSenteDemo(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/login", (Delegate)LoginAsync).DisableAntiforgery();
        endpoints.MapPost("/logout", async (HttpContext http) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/");
        }).DisableAntiforgery();
        endpoints.MapGet("/whoami", (HttpContext http) => Results.Json(new { uid = DefaultUserId.Resolve(http) }));
        return endpoints;
    }

    private static async Task<IResult> LoginAsync(HttpContext http)
    {
        var form = await http.Request.ReadFormAsync();
        var userId = form["user-id"].ToString().Trim();
        if (userId.Length is 0 or > 64)
        {
            return Results.Text("user-id must be 1-64 characters", statusCode: StatusCodes.Status400BadRequest);
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, userId), new Claim(ClaimTypes.Name, userId)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        return http.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal)
            ? Results.Json(new { uid = userId })
            : Results.Redirect("/");
    }
}
