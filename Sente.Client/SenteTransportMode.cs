namespace Sente.Client;

/// <summary>Which transport a <see cref="SenteClient"/> uses (Sente's <c>:type</c> option).</summary>
public enum SenteTransportMode
{
    /// <summary>
    /// WebSocket first; if the WebSocket fails before it ever opened (upgrade refused, network
    /// error, dropped before the handshake), switch to Ajax long-polling for good (Sente's <c>:auto</c>).
    /// </summary>
    Auto = 0,

    /// <summary>WebSocket only.</summary>
    WebSocket,

    /// <summary>Ajax long-polling only: a held GET per poll, a POST per sent event.</summary>
    Ajax,
}
