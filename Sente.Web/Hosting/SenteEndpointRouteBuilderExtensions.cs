using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Sente.Protocol;
using Sente.Web.Api;
using Sente.Web.Internal;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps Sente's endpoints.</summary>
public static class SenteEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the channel-socket endpoint (WebSocket upgrade; Ajax long-poll comes next) at <paramref name="pattern"/>.
    /// Requires <c>app.UseWebSockets()</c>.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The path; defaults to <c>/chsk</c>.</param>
    /// <returns>A convention builder, e.g. for <c>.RequireAuthorization()</c>.</returns>
    public static IEndpointConventionBuilder MapSente(this IEndpointRouteBuilder endpoints, string pattern = ProtocolConstants.DefaultPath)
    {
        EnsureAdded(endpoints);
        var dispatcher = endpoints.ServiceProvider.GetRequiredService<SenteDispatcher>();
        return endpoints.Map(pattern, dispatcher.DispatchAsync).WithDisplayName("Sente channel socket");
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
