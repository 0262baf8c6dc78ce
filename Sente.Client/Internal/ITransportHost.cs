using System.Text.Json;

namespace Sente.Client.Internal;

/// <summary>
/// What a transport may ask of the connection that owns it. The WebSocket transport needs none of
/// it; the Ajax transport needs the ack for each poll, a way to hold the next poll until the
/// dispatch loop applied what the last one brought, and a side door for POST replies.
/// </summary>
internal interface ITransportHost
{
    /// <summary>Gets the last seq the application processed.</summary>
    long LastProcessedSeq { get; }

    /// <summary>Completes once the dispatch loop applied everything received so far (handshakes and batches).</summary>
    Task WhenDispatchedAsync(CancellationToken cancellationToken);

    /// <summary>A reply to the request with <paramref name="callback"/> arrived outside the message stream.</summary>
    void OnReply(string callback, JsonElement value);

    /// <summary>Sending an event failed; fails its request, if it has one, with <paramref name="reply"/>.</summary>
    /// <param name="callback">The request's callback id, or <see langword="null"/> for an event without reply.</param>
    /// <param name="reply"><c>chsk/error</c> when the server answered with an error, <c>chsk/closed</c> when no answer came (connection dropped), <c>chsk/timeout</c> when none came in time.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="statusCode">The HTTP status that refused it, if any.</param>
    /// <param name="detail">What went wrong, without payloads.</param>
    /// <param name="exception">The cause, if any.</param>
    void OnSendFailed(string? callback, string reply, string eventId, int? statusCode, string detail, Exception? exception);
}
