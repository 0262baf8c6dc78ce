namespace Sente.Client;

/// <summary>What kind of problem a <see cref="SenteClientError"/> reports.</summary>
public enum SenteErrorKind
{
    /// <summary>A connection attempt failed (upgrade rejected, network, or no handshake in time).</summary>
    Connect = 0,

    /// <summary>An open connection failed to read or write.</summary>
    Transport,

    /// <summary>The server sent something the protocol does not allow; the message was dropped.</summary>
    ProtocolViolation,

    /// <summary>
    /// Pushed events were skipped: a batch started after the next expected seq. Outside a
    /// <c>resumed: false</c> handshake this is a server bug (PROTOCOL.md section 4).
    /// </summary>
    SeqGap,

    /// <summary>The server sent a <c>["chsk/error", data]</c> notice.</summary>
    ServerNotice,
}

/// <summary>The last problem the client saw (Sente's <c>:last-ws-error</c>, widened).</summary>
/// <param name="At">When it happened.</param>
/// <param name="Kind">What kind of problem it is.</param>
/// <param name="Message">A short description without payloads.</param>
/// <param name="Exception">The exception, when there was one.</param>
public sealed record SenteClientError(
    DateTimeOffset At,
    SenteErrorKind Kind,
    string Message,
    Exception? Exception = null)
{
    /// <summary>Gets the first seq that was expected, for <see cref="SenteErrorKind.SeqGap"/>.</summary>
    public long? ExpectedSeq { get; init; }

    /// <summary>Gets the seq that arrived instead, for <see cref="SenteErrorKind.SeqGap"/>.</summary>
    public long? ActualSeq { get; init; }
}
