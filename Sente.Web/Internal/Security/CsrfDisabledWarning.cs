using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sente.Web.Internal.Security;

/// <summary>Logs a start-up warning when the CSRF check is switched off: that must never go unnoticed.</summary>
internal sealed partial class CsrfDisabledWarning(IOptions<SenteOptions> options, ILogger<CsrfDisabledWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Csrf.Enabled)
        {
            Log.CsrfDisabled(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(40, LogLevel.Warning,
            "CSRF SECURITY RISK: Sente's CSRF check is off (Sente:Csrf:Enabled=false); cookie-authenticated channel-socket requests are accepted without a token.",
            EventName = "CsrfDisabled")]
        public static partial void CsrfDisabled(ILogger logger);
    }
}
