using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Sente.Web.Internal.Security;

/// <summary>
/// The endpoint-metadata half of the authorization step: evaluates what
/// <c>MapSente(...).RequireAuthorization(...)</c> (or a fallback policy) put on the endpoint, the way the
/// authorization middleware would, but inside the rejection order. The middleware itself stands aside
/// for this endpoint (see <see cref="DeferredAuthorizationMarker"/>), so a failure answers
/// <c>401 Unauthorized request</c> after the CSRF and origin checks rather than a challenge before them.
/// </summary>
internal sealed class EndpointAuthorizationCheck(IAuthorizationPolicyProvider policies)
{
    public async ValueTask<bool> IsAuthorizedAsync(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        var metadata = endpoint?.Metadata;
        if (metadata is null)
        {
            return true;
        }

        // An application's own AllowAnonymous wins over any policy, as in the middleware.
        if (metadata.GetOrderedMetadata<IAllowAnonymous>().Any(m => m is not DeferredAuthorizationMarker))
        {
            return true;
        }

        var policy = await AuthorizationPolicy.CombineAsync(
            policies, metadata.GetOrderedMetadata<IAuthorizeData>(), metadata.GetOrderedMetadata<AuthorizationPolicy>());
        var requirements = metadata.GetOrderedMetadata<IAuthorizationRequirementData>().SelectMany(d => d.GetRequirements()).ToArray();
        if (requirements.Length > 0)
        {
            var extra = new AuthorizationPolicyBuilder().AddRequirements(requirements).Build();
            policy = policy is null ? extra : AuthorizationPolicy.Combine(policy, extra);
        }

        if (policy is null)
        {
            return true;
        }

        // Transient, hence from the request's services (as the middleware does).
        var evaluator = context.RequestServices.GetRequiredService<IPolicyEvaluator>();
        var authentication = await evaluator.AuthenticateAsync(policy, context);
        var result = await evaluator.AuthorizeAsync(policy, authentication, context, context);

        // Challenged (anonymous) and Forbidden (authenticated, not allowed) both answer 401: PROTOCOL.md
        // section 8 has one authorization status, and a forbidden caller learns nothing more.
        return result.Succeeded;
    }
}
