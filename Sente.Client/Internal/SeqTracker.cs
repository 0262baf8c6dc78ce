namespace Sente.Client.Internal;

/// <summary>What to do with a pushed event, given its seq.</summary>
internal enum SeqDecision
{
    /// <summary>The next expected seq: process it.</summary>
    Deliver = 0,

    /// <summary>Already processed (a replay after a resume): drop it.</summary>
    Duplicate,

    /// <summary>Later than expected: events were lost. Process it and report the gap.</summary>
    DeliverAfterGap,
}

/// <summary>
/// The client's position in its per-client-id stream (PROTOCOL.md sections 3, 4 and 6): dedupe by
/// seq, gap detection, and the jump after <c>resumed: false</c>. Used by one loop only.
/// </summary>
internal sealed class SeqTracker(long lastProcessed)
{
    private long _lastProcessed = lastProcessed;

    /// <summary>Gets the last seq processed; safe to read from any thread.</summary>
    public long LastProcessed => Interlocked.Read(ref _lastProcessed);

    /// <summary>Moves to the start of a new connection's stream.</summary>
    /// <param name="metaSeq">The handshake's <c>meta.seq</c>.</param>
    /// <param name="resumed">The handshake's <c>meta.resumed</c>.</param>
    /// <param name="sentLastSeq">The <c>last-seq</c> the client sent, or <see langword="null"/>.</param>
    public void OnHandshake(long metaSeq, bool? resumed, long? sentLastSeq)
    {
        // 3 cases:
        // 1 - no last-seq sent: the server decides where the stream starts (0, or the last ack of a known client-id).
        // 2 - resumed: false: the events up to meta.seq are gone; continue after them.
        // 3 - resumed (or a server that ignores last-seq): keep our position; replays dedupe and losses show as gaps.
        if (sentLastSeq is null)
        {
            Set(metaSeq);
        }
        else if (resumed == false && metaSeq > _lastProcessed)
        {
            Set(metaSeq);
        }
    }

    /// <summary>Classifies the event with <paramref name="seq"/>.</summary>
    /// <param name="seq">The event's seq.</param>
    /// <returns>The decision.</returns>
    public SeqDecision Classify(long seq) =>
        seq <= _lastProcessed ? SeqDecision.Duplicate
        : seq == _lastProcessed + 1 ? SeqDecision.Deliver
        : SeqDecision.DeliverAfterGap;

    /// <summary>Records that the event with <paramref name="seq"/> was processed.</summary>
    /// <param name="seq">The seq.</param>
    public void MarkProcessed(long seq) => Set(seq);

    private void Set(long seq) => Interlocked.Exchange(ref _lastProcessed, seq);
}
