using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sente.Web;
using Sente.Web.Diagnostics;
using Sente.Web.Internal;
using Sente.Web.Internal.Connections;
using Sente.Web.Internal.Nodes;
using Sente.Web.Internal.Security;
using Sente.Web.Internal.Transports;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers a Sente web node.</summary>
public static class SenteServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Sente web node services: transports, the connection registry, this node's grain
    /// observer and liveness lease, keep-alives. The host must also be an Orleans client or silo
    /// (<c>UseOrleansClient</c> / <c>UseOrleans</c>) with <c>AddSenteStreams</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures <see cref="SenteOptions"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddSente(this IServiceCollection services, Action<SenteOptions>? configure = null)
    {
        var options = services.AddOptions<SenteOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SenteOptions>, SenteOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SenteMarkerService>();
        services.AddMetrics();
        services.TryAddSingleton(sp => new SenteWebMetrics(sp.GetRequiredService<IMeterFactory>()));
        services.TryAddSingleton<LocalConnectionRegistry>();
        services.TryAddSingleton<WebNode>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, WebNode>(sp => sp.GetRequiredService<WebNode>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, KeepAliveService>());
        services.TryAddSingleton<ConnectionSessionFactory>();
        services.TryAddSingleton<AckCoalescer>();
        services.TryAddSingleton<InboundMessageProcessor>();
        services.TryAddSingleton<WebSocketTransport>();
        services.TryAddSingleton<LongPollingTransport>();
        services.TryAddSingleton<AjaxPostHandler>();
        services.TryAddSingleton<AjaxRateLimiters>();
        // The rejection order needs antiforgery, the scheme list and the policy evaluator even in a
        // host that configured no authentication or authorization of its own (all TryAdd inside).
        services.AddAntiforgery();
        services.AddAuthenticationCore();
        services.AddAuthorization();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, CsrfDisabledWarning>());
        services.TryAddSingleton<CookieAuthenticationDetector>();
        services.TryAddSingleton<CsrfCheck>();
        services.TryAddSingleton<OriginCheck>();
        services.TryAddSingleton<EndpointAuthorizationCheck>();
        services.TryAddSingleton<SenteSecurityPipeline>();
        services.TryAddSingleton<SenteDispatcher>();
        return services;
    }
}
