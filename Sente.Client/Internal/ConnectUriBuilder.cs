using System.Globalization;
using System.Text;
using Sente.Protocol;

namespace Sente.Client.Internal;

/// <summary>
/// Builds the endpoint addresses: the WebSocket upgrade <c>/chsk?client-id=C[&amp;csrf-token=T][&amp;last-seq=N]</c>
/// and the Ajax requests <c>/chsk?client-id=C[&amp;handshake=1][&amp;last-seq=N][&amp;ack=N]</c>.
/// </summary>
internal static class ConnectUriBuilder
{
    private static readonly HashSet<string> OwnKeys = new(StringComparer.Ordinal)
    {
        ProtocolConstants.ClientIdQueryKey, ProtocolConstants.CsrfTokenQueryKey, ProtocolConstants.LastSeqQueryKey,
        ProtocolConstants.HandshakeQueryKey, ProtocolConstants.HandshakeQueryKeySente, ProtocolConstants.AckQueryKey,
    };

    public static Uri Build(Uri endpoint, string clientId, IEnumerable<KeyValuePair<string, string>> extra, string? csrfToken, long? lastSeq)
    {
        var own = new List<KeyValuePair<string, string>> { new(ProtocolConstants.ClientIdQueryKey, clientId) };
        if (!string.IsNullOrEmpty(csrfToken))
        {
            own.Add(new(ProtocolConstants.CsrfTokenQueryKey, csrfToken));
        }

        if (lastSeq is { } n)
        {
            own.Add(new(ProtocolConstants.LastSeqQueryKey, n.ToString(CultureInfo.InvariantCulture)));
        }

        return Compose(endpoint, endpoint.Scheme switch { "http" => "ws", "https" => "wss", var s => s }, extra, own);
    }

    /// <summary>An Ajax address: <paramref name="own"/> follows the extra parameters and <c>client-id</c>; the CSRF token goes in a header instead.</summary>
    public static Uri BuildAjax(Uri endpoint, string clientId, IEnumerable<KeyValuePair<string, string>> extra, params KeyValuePair<string, string>[] own) =>
        Compose(
            endpoint,
            endpoint.Scheme switch { "ws" => "http", "wss" => "https", var s => s },
            extra,
            [new(ProtocolConstants.ClientIdQueryKey, clientId), .. own]);

    private static Uri Compose(Uri endpoint, string scheme, IEnumerable<KeyValuePair<string, string>> extra, List<KeyValuePair<string, string>> own)
    {
        // Sente's own keys win on conflict, so they are written last into one ordered map.
        var query = ParseQuery(endpoint.Query).Concat(extra).Where(p => !OwnKeys.Contains(p.Key)).Concat(own).ToList();
        var builder = new UriBuilder(endpoint)
        {
            Scheme = scheme,
            Query = Encode(query),
        };

        // UriBuilder keeps an explicit default port of the old scheme (":80" for http); drop it.
        if (endpoint.IsDefaultPort)
        {
            builder.Port = -1;
        }

        return builder.Uri;
    }

    private static IEnumerable<KeyValuePair<string, string>> ParseQuery(string query)
    {
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=');
            var key = Uri.UnescapeDataString(eq < 0 ? part : part[..eq]);
            var value = eq < 0 ? string.Empty : Uri.UnescapeDataString(part[(eq + 1)..]);
            yield return new(key, value);
        }
    }

    private static string Encode(List<KeyValuePair<string, string>> query)
    {
        var sb = new StringBuilder();
        foreach (var (key, value) in query)
        {
            if (sb.Length > 0)
            {
                sb.Append('&');
            }

            sb.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }

        return sb.ToString();
    }
}
