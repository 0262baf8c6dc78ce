namespace Sente.Protocol;

/// <summary>
/// Names and limits of the <c>sente-json/1</c> wire protocol (docs/protocol.md).
/// This is the only C# file that knows query keys, header names and the protocol version.
/// </summary>
public static class ProtocolConstants
{
    /// <summary>The protocol version sent as <c>meta.v</c> in the handshake.</summary>
    public const int Version = 1;

    /// <summary>The default endpoint path serving both transports.</summary>
    public const string DefaultPath = "/chsk";

    /// <summary>Query key carrying the client-id.</summary>
    public const string ClientIdQueryKey = "client-id";

    /// <summary>Query key carrying the CSRF token on WebSocket upgrades.</summary>
    public const string CsrfTokenQueryKey = "csrf-token";

    /// <summary>Query key asking an Ajax GET for a handshake.</summary>
    public const string HandshakeQueryKey = "handshake";

    /// <summary>Sente's own spelling of <see cref="HandshakeQueryKey"/>, accepted as a synonym.</summary>
    public const string HandshakeQueryKeySente = "handshake?";

    /// <summary>Query key carrying the last seq a reconnecting client processed.</summary>
    public const string LastSeqQueryKey = "last-seq";

    /// <summary>Query key carrying a cumulative ack on an Ajax poll.</summary>
    public const string AckQueryKey = "ack";

    /// <summary>Header carrying the CSRF token on Ajax requests.</summary>
    public const string CsrfTokenHeader = "X-CSRF-Token";

    /// <summary>Maximum length of a client-id.</summary>
    public const int MaxClientIdLength = 64;

    /// <summary>Maximum length of a callback id.</summary>
    public const int MaxCallbackLength = 36;

    /// <summary>The callback id an Ajax POST uses to ask for a reply.</summary>
    public const string AjaxCallback = "ajax";

    /// <summary>The uid of clients whose request carries no authenticated user.</summary>
    public const string NilUid = "sente/nil-uid";

    /// <summary>The payload of the server's answer to a client ping.</summary>
    public const string Pong = "pong";

    /// <summary>Meta key: protocol version (handshake).</summary>
    public const string MetaVersion = "v";

    /// <summary>Meta key: seq (handshake start point, or first seq of a batch).</summary>
    public const string MetaSeq = "seq";

    /// <summary>Meta key: whether a resume kept every event (handshake, only when <c>last-seq</c> was sent).</summary>
    public const string MetaResumed = "resumed";

    /// <summary>Meta key: the server's WebSocket keep-alive in ms (handshake).</summary>
    public const string MetaKaliveMs = "kalive-ms";

    /// <summary>Meta key: the server's long-poll hold in ms (handshake).</summary>
    public const string MetaLpTimeoutMs = "lp-timeout-ms";

    /// <summary>WebSocket close code: policy violation (too many malformed frames, abuse).</summary>
    public const int ClosePolicyViolation = 1008;

    /// <summary>WebSocket close code: message too big.</summary>
    public const int CloseMessageTooBig = 1009;

    /// <summary>Checks a client-id: 1–64 characters of <c>[A-Za-z0-9_.:-]</c>.</summary>
    /// <param name="clientId">The candidate client-id.</param>
    /// <returns><see langword="true"/> when it is well formed.</returns>
    public static bool IsValidClientId(string? clientId)
    {
        if (string.IsNullOrEmpty(clientId) || clientId.Length > MaxClientIdLength)
        {
            return false;
        }

        foreach (var c in clientId)
        {
            var ok = c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_' or '.' or ':' or '-';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Checks a callback id: a string of 1–36 characters.</summary>
    /// <param name="cb">The candidate callback id.</param>
    /// <returns><see langword="true"/> when it is well formed.</returns>
    public static bool IsValidCallback(string? cb) => cb is { Length: >= 1 and <= MaxCallbackLength };
}
