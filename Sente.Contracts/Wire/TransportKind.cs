namespace Sente.Wire;

/// <summary>The transport a client-id is connected over.</summary>
[GenerateSerializer, Alias("sente.TransportKind")]
public enum TransportKind
{
    /// <summary>A WebSocket.</summary>
    WebSocket = 0,

    /// <summary>Ajax long-polling.</summary>
    Ajax = 1,
}
