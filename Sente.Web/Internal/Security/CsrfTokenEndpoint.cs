using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace Sente.Web.Internal.Security;

/// <summary>
/// <c>GET {pattern}/csrf-token</c> → <c>{"token": "..."}</c> for clients that are not rendered pages.
/// Same-origin only: it sends no CORS headers, so another site's script cannot read the token.
/// </summary>
internal static class CsrfTokenEndpoint
{
    public static IResult Handle(HttpContext context, IAntiforgery antiforgery) =>
        Results.Json(new CsrfTokenResponse(antiforgery.GetAndStoreTokens(context).RequestToken));

    private sealed record CsrfTokenResponse(string? Token);
}
