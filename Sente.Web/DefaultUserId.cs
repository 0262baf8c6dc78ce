using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace Sente.Web;

/// <summary>The default uid resolver: the authenticated user's id, from <see cref="HttpContext.User"/>.</summary>
public static class DefaultUserId
{
    /// <summary>Resolves the uid of a request.</summary>
    /// <param name="context">The request.</param>
    /// <returns>The uid, or <see langword="null"/> for anonymous requests.</returns>
    public static string? Resolve(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        return user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.Identity.Name;
    }
}
