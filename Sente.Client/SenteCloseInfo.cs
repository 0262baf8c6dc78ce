namespace Sente.Client;

/// <summary>How the last open connection closed (Sente's <c>:last-close</c> merged with <c>:last-ws-close</c>).</summary>
/// <param name="At">When the close was noticed.</param>
/// <param name="Reason">Why it closed.</param>
/// <param name="WebSocketCode">The close code the server sent, or <see langword="null"/> when there was no close frame.</param>
/// <param name="WebSocketDescription">The close description the server sent, if any.</param>
public sealed record SenteCloseInfo(
    DateTimeOffset At,
    SenteCloseReason Reason,
    int? WebSocketCode = null,
    string? WebSocketDescription = null);
