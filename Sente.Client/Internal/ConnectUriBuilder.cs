using System.Globalization;
using System.Text;
using Sente.Protocol;

namespace Sente.Client.Internal;

/// <summary>Builds the WebSocket upgrade address: <c>/chsk?client-id=C[&amp;csrf-token=T][&amp;last-seq=N]</c>.</summary>
internal static class ConnectUriBuilder
{
    public static Uri Build(Uri endpoint, string clientId, IEnumerable<KeyValuePair<string, string>> extra, string? csrfToken, long? lastSeq)
    {
        // Sente's own keys win on conflict, so they are written last into one ordered map.
        var query = new List<KeyValuePair<string, string>>();
        var own = new HashSet<string>(StringComparer.Ordinal)
        {
            ProtocolConstants.ClientIdQueryKey, ProtocolConstants.CsrfTokenQueryKey, ProtocolConstants.LastSeqQueryKey,
        };

        foreach (var pair in ParseQuery(endpoint.Query).Concat(extra))
        {
            if (!own.Contains(pair.Key))
            {
                query.Add(pair);
            }
        }

        query.Add(new(ProtocolConstants.ClientIdQueryKey, clientId));
        if (!string.IsNullOrEmpty(csrfToken))
        {
            query.Add(new(ProtocolConstants.CsrfTokenQueryKey, csrfToken));
        }

        if (lastSeq is { } n)
        {
            query.Add(new(ProtocolConstants.LastSeqQueryKey, n.ToString(CultureInfo.InvariantCulture)));
        }

        var builder = new UriBuilder(endpoint)
        {
            Scheme = endpoint.Scheme switch { "http" => "ws", "https" => "wss", var s => s },
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
