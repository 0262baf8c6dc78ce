using Sente.Protocol;

namespace Sente.Grains.Users;

/// <summary>
/// One client-id's unacknowledged events, in seq order. Seqs are implicit: the last event held has
/// <see cref="LastSeq"/>, the one before it <c>LastSeq - 1</c>, and so on.
/// </summary>
internal sealed class Outbox
{
    private readonly Queue<SenteEvent> _events = new();

    /// <summary>Gets the last seq assigned (0 before the first event).</summary>
    public long LastSeq { get; private set; }

    /// <summary>Gets how many events were dropped because retention was exceeded.</summary>
    public long Dropped { get; private set; }

    /// <summary>Gets the number of events held.</summary>
    public int Count => _events.Count;

    /// <summary>Gets the seq of the first event held (<c>LastSeq + 1</c> when empty).</summary>
    public long FirstHeldSeq => LastSeq - _events.Count + 1;

    /// <summary>Appends an event with the next seq, dropping the oldest beyond <paramref name="capacity"/>.</summary>
    /// <returns><see langword="true"/> when an older event was dropped to make room.</returns>
    public int Append(SenteEvent evt, int capacity)
    {
        _events.Enqueue(evt);
        LastSeq++;
        var dropped = 0;
        while (_events.Count > capacity)
        {
            _events.Dequeue();
            Dropped++;
            dropped++;
        }

        return dropped;
    }

    /// <summary>Removes every event up to <paramref name="seq"/> (cumulative ack).</summary>
    public void AckThrough(long seq)
    {
        var upTo = Math.Min(seq, LastSeq);
        while (_events.Count > 0 && FirstHeldSeq <= upTo)
        {
            _events.Dequeue();
        }
    }

    /// <summary>Forgets everything and continues numbering after <paramref name="seq"/> (state behind the client).</summary>
    public void Restart(long seq)
    {
        _events.Clear();
        LastSeq = seq;
    }

    /// <summary>Copies up to <paramref name="max"/> events starting at <paramref name="fromSeq"/>.</summary>
    public SenteEvent[] Slice(long fromSeq, int max)
    {
        var skip = (int)(fromSeq - FirstHeldSeq);
        var count = (int)Math.Min(max, LastSeq - fromSeq + 1);
        if (skip < 0 || count <= 0)
        {
            return [];
        }

        var result = new SenteEvent[count];
        var i = 0;
        foreach (var evt in _events.Skip(skip))
        {
            if (i == count)
            {
                break;
            }

            result[i++] = evt;
        }

        return result;
    }
}
