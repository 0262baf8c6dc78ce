using Microsoft.Extensions.Options;
using Sente.Protocol;

namespace Sente.Web;

/// <summary>Validates <see cref="SenteOptions"/> at start-up; messages name the bad option.</summary>
internal sealed class SenteOptionsValidator : IValidateOptions<SenteOptions>
{
    private static readonly TimeSpan ClientAjaxTimeout = TimeSpan.FromSeconds(60);

    public ValidateOptionsResult Validate(string? name, SenteOptions o)
    {
        var errors = new List<string>();
        const string ws = $"{nameof(SenteOptions)}.{nameof(SenteOptions.WebSockets)}";
        if (o.LongPollTimeout <= TimeSpan.Zero || o.LongPollTimeout >= ClientAjaxTimeout)
        {
            errors.Add($"{nameof(SenteOptions)}.{nameof(SenteOptions.LongPollTimeout)} must be > 0 and < {ClientAjaxTimeout.TotalSeconds} s (the client's Ajax timeout).");
        }

        if (o.MaxMessageBytes is < 256 or > 16 * 1024 * 1024)
        {
            errors.Add($"{nameof(SenteOptions)}.{nameof(SenteOptions.MaxMessageBytes)} must be in 256..16 MiB.");
        }

        if (!ProtocolConstants.IsValidClientId(o.NodeId))
        {
            errors.Add($"{nameof(SenteOptions)}.{nameof(SenteOptions.NodeId)} must be 1-64 characters of [A-Za-z0-9_.:-].");
        }

        if (o.NodeHeartbeatInterval <= TimeSpan.Zero || o.NodeLease < o.NodeHeartbeatInterval * 2)
        {
            errors.Add($"{nameof(SenteOptions)}.{nameof(SenteOptions.NodeLease)} must be at least twice {nameof(SenteOptions.NodeHeartbeatInterval)} (> 0).");
        }

        if (o.MaxQueuedEventsPerConnection < 1)
        {
            errors.Add($"{nameof(SenteOptions)}.{nameof(SenteOptions.MaxQueuedEventsPerConnection)} must be >= 1.");
        }

        if (o.WebSockets.KeepAlive <= TimeSpan.Zero)
        {
            errors.Add($"{ws}.{nameof(WebSocketTransportOptions.KeepAlive)} must be positive.");
        }

        if (o.WebSockets.PingTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{ws}.{nameof(WebSocketTransportOptions.PingTimeout)} must be positive.");
        }

        if (o.WebSockets.SendWindow < TimeSpan.Zero || o.WebSockets.SendWindow > TimeSpan.FromMilliseconds(30))
        {
            errors.Add($"{ws}.{nameof(WebSocketTransportOptions.SendWindow)} must be in 0..30 ms (PROTOCOL.md section 7).");
        }

        if (o.WebSockets.MaxMalformedMessages < 0 || o.WebSockets.MalformedWindow <= TimeSpan.Zero)
        {
            errors.Add($"{ws}.{nameof(WebSocketTransportOptions.MaxMalformedMessages)} must be >= 0 and {nameof(WebSocketTransportOptions.MalformedWindow)} positive.");
        }

        if (o.LongPolling.SendWindow < TimeSpan.Zero || o.LongPolling.SendWindow > TimeSpan.FromMilliseconds(100))
        {
            errors.Add($"{nameof(SenteOptions)}.{nameof(SenteOptions.LongPolling)}.{nameof(LongPollingTransportOptions.SendWindow)} must be in 0..100 ms (PROTOCOL.md section 7).");
        }

        if (o.Limits.EventsPerSecond < 1 || o.Limits.Burst < 1 || o.Limits.MaxRejectedPer10Seconds < 0)
        {
            errors.Add($"{nameof(SenteOptions)}.{nameof(SenteOptions.Limits)}: {nameof(InboundLimitsOptions.EventsPerSecond)} and {nameof(InboundLimitsOptions.Burst)} must be >= 1, {nameof(InboundLimitsOptions.MaxRejectedPer10Seconds)} >= 0.");
        }

        if (o.ResolveUserId is null)
        {
            errors.Add($"{nameof(SenteOptions)}.{nameof(SenteOptions.ResolveUserId)} must not be null.");
        }

        ValidateAllowedOrigins(o, errors);
        if (o.Csrf.CookieAuthenticationTypes.Any(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{nameof(SenteOptions)}.{nameof(SenteOptions.Csrf)}.{nameof(SenteCsrfOptions.CookieAuthenticationTypes)} must not contain blank entries.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidateAllowedOrigins(SenteOptions o, List<string> errors)
    {
        foreach (var origin in o.AllowedOrigins)
        {
            // An origin is scheme://host[:port] exactly as browsers send it: no path, query or trailing slash,
            // because the check compares strings (a trailing slash would silently never match).
            var valid = origin == "*"
                || (Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                    && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
                    && string.Equals(uri.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase));
            if (!valid)
            {
                errors.Add($"{nameof(SenteOptions)}.{nameof(SenteOptions.AllowedOrigins)} entry '{origin}' must be '*' or an origin such as 'https://example.com' (http/https, no path or trailing slash).");
            }
        }
    }
}
