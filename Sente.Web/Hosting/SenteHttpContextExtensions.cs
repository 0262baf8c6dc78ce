using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Http;

/// <summary>Helpers for pages that open a Sente channel socket.</summary>
public static class SenteHttpContextExtensions
{
    /// <summary>
    /// Gets the CSRF token to render into a page (e.g. <c>&lt;meta name="csrf-token" content="..."&gt;</c>) for the
    /// Sente client to send as the <c>csrf-token</c> query parameter or <c>X-CSRF-Token</c> header. Also sets the
    /// antiforgery cookie the token pairs with, so call it before the response starts. Render it into the page
    /// after sign-in: the token is bound to the signed-in user.
    /// </summary>
    /// <param name="context">The request rendering the page.</param>
    /// <returns>The token.</returns>
    public static string GetSenteCsrfToken(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context).RequestToken!;
    }
}
