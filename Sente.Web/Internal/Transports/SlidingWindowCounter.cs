namespace Sente.Web.Internal.Transports;

/// <summary>
/// Counts occurrences in a sliding window: malformed messages (PROTOCOL.md section 8: more than 10
/// in 10 s closes with 1008) and rate-limited events (a sustained flood closes with 1008).
/// </summary>
internal sealed class SlidingWindowCounter(int limit, TimeSpan window, TimeProvider time)
{
    private readonly Queue<long> _at = new();

    /// <summary>Records one; <see langword="true"/> when the limit is now exceeded.</summary>
    public bool Add()
    {
        var now = time.GetTimestamp();
        _at.Enqueue(now);
        while (_at.Count > 0 && time.GetElapsedTime(_at.Peek(), now) > window)
        {
            _at.Dequeue();
        }

        return _at.Count > limit;
    }
}
