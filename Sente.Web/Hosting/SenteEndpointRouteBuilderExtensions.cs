using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sente.Protocol;
using Sente.Web.Api;
using Sente.Web.Internal;
using Sente.Web.Internal.Security;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps Sente's endpoints.</summary>
public static class SenteEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the channel-socket endpoint (WebSocket upgrade; Ajax long-poll comes next) at <paramref name="pattern"/>,
    /// and <c>GET {pattern}/csrf-token</c> answering <c>{"token": "..."}</c> (same-origin: no CORS headers).
    /// Requires <c>app.UseWebSockets()</c>.
    /// </summary>
    /// <remarks>
    /// Authorization metadata added to the returned builder (<c>.RequireAuthorization(...)</c>) is evaluated
    /// by Sente inside its rejection order (PROTOCOL.md section 8), after the CSRF and origin checks, and
    /// a failure answers <c>401 Unauthorized request</c>; the authorization middleware does not challenge it.
    /// </remarks>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The path; defaults to <c>/chsk</c>.</param>
    /// <returns>A convention builder for the channel-socket endpoint, e.g. for <c>.RequireAuthorization()</c>.</returns>
    public static IEndpointConventionBuilder MapSente(this IEndpointRouteBuilder endpoints, string pattern = ProtocolConstants.DefaultPath)
    {
        EnsureAdded(endpoints);
        var dispatcher = endpoints.ServiceProvider.GetRequiredService<SenteDispatcher>();
        // No CORS metadata: [DisableCors] would make CORS middleware mandatory for every host.
        endpoints.MapGet(pattern.TrimEnd('/') + "/csrf-token", CsrfTokenEndpoint.Handle)
            .WithDisplayName("Sente CSRF token");
        return endpoints.Map(pattern, dispatcher.DispatchAsync)
            .WithMetadata(DeferredAuthorizationMarker.Instance)
            .WithDisplayName("Sente channel socket");
    }

    /// <summary>
    /// Maps the HTTP API for services that are not Orleans clients (PROTOCOL.md section 10) under <paramref name="prefix"/>.
    /// Requires <c>SenteOptions.ApiKey</c>, else answers loopback callers only.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="prefix">The path prefix; defaults to <c>/api</c>.</param>
    /// <returns>A convention builder for the API group.</returns>
    public static IEndpointConventionBuilder MapSenteApi(this IEndpointRouteBuilder endpoints, string prefix = "/api")
    {
        EnsureAdded(endpoints);
        return SenteApiEndpoints.Map(endpoints, prefix);
    }

    private static void EnsureAdded(IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<SenteMarkerService>() is null)
        {
            throw new InvalidOperationException(
                "Unable to find the required services. Add them by calling 'IServiceCollection.AddSente' in the application startup code.");
        }
    }
}
