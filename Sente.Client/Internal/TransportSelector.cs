using Sente.Wire;

namespace Sente.Client.Internal;

/// <summary>
/// Sente's transport selection (<c>:auto</c>, SENTE-REFERENCE.md 5.1): WebSocket first; a WebSocket
/// that fails before it ever opened downgrades the client to Ajax for good. There is no upgrade back,
/// except that a fallback whose Ajax attempt failed too is undone: nothing ever opened (the server
/// may simply be down), so the next <see cref="SenteClient.ConnectAsync"/> starts over with a WebSocket.
/// </summary>
internal sealed class TransportSelector(SenteTransportMode mode)
{
    private volatile bool _downgraded;
    private volatile bool _webSocketOpened;

    /// <summary>Gets the transport the next connection attempt uses.</summary>
    public TransportKind Current => mode switch
    {
        SenteTransportMode.Ajax => TransportKind.Ajax,
        SenteTransportMode.WebSocket => TransportKind.WebSocket,
        _ => _downgraded ? TransportKind.Ajax : TransportKind.WebSocket,
    };

    /// <summary>Records a handshake: a WebSocket that opened once is never given up.</summary>
    public void OnOpened(TransportKind kind)
    {
        if (kind == TransportKind.WebSocket)
        {
            _webSocketOpened = true;
        }
    }

    /// <summary>Decides whether a failed attempt switches the client to Ajax; <see langword="true"/> at most once.</summary>
    /// <param name="failed">The transport of the failed attempt.</param>
    /// <returns><see langword="true"/> when the caller should retry at once over Ajax.</returns>
    public bool TryDowngrade(TransportKind failed)
    {
        if (mode != SenteTransportMode.Auto || failed != TransportKind.WebSocket || _webSocketOpened || _downgraded)
        {
            return false;
        }

        _downgraded = true;
        return true;
    }

    /// <summary>The Ajax attempt right after a downgrade failed as well: start over with a WebSocket next time.</summary>
    public void UndoDowngrade()
    {
        if (!_webSocketOpened)
        {
            _downgraded = false;
        }
    }
}
