using Sente.Protocol;

namespace Sente.Client.Internal;

/// <summary>Checks <see cref="SenteClientOptions"/>; the message names the bad option.</summary>
internal static class SenteClientOptionsValidator
{
    public static void Validate(SenteClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Uri is not { IsAbsoluteUri: true } uri || uri.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            throw Bad(nameof(SenteClientOptions.Uri), "must be an absolute http, https, ws or wss address");
        }

        if (!ProtocolConstants.IsValidClientId(options.ClientId))
        {
            throw Bad(nameof(SenteClientOptions.ClientId), "must be 1-64 characters of [A-Za-z0-9_.:-]");
        }

        RequirePositive(options.ConnectTimeout, nameof(SenteClientOptions.ConnectTimeout));
        RequirePositive(options.PingTimeout, nameof(SenteClientOptions.PingTimeout));
        RequirePositive(options.RequestTimeout, nameof(SenteClientOptions.RequestTimeout));
        RequirePositive(options.AckInterval, nameof(SenteClientOptions.AckInterval));
        RequirePositive(options.AjaxTimeout, nameof(SenteClientOptions.AjaxTimeout));
        if (!Enum.IsDefined(options.Transport))
        {
            throw Bad(nameof(SenteClientOptions.Transport), "is not a defined mode");
        }
        if (options.KeepAlive != Timeout.InfiniteTimeSpan)
        {
            RequirePositive(options.KeepAlive, nameof(SenteClientOptions.KeepAlive));
        }

        if (options.ResumeFromSeq is < 0)
        {
            throw Bad(nameof(SenteClientOptions.ResumeFromSeq), "must be >= 0");
        }

        if (options.MaxReceiveMessageBytes <= 0)
        {
            throw Bad(nameof(SenteClientOptions.MaxReceiveMessageBytes), "must be > 0");
        }

        if (options.Backoff is null || options.TimeProvider is null)
        {
            throw Bad(options.Backoff is null ? nameof(SenteClientOptions.Backoff) : nameof(SenteClientOptions.TimeProvider), "must not be null");
        }
    }

    private static void RequirePositive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw Bad(name, "must be > 0");
        }
    }

    private static ArgumentException Bad(string option, string rule) =>
        new($"{nameof(SenteClientOptions)}.{option} {rule}.", "options");
}
