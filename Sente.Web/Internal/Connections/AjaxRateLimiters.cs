using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Sente.Web.Internal.Connections;

/// <summary>
/// Event budgets of Ajax clients on this node, one per (uid, client-id): every POST is a new HTTP
/// request, so the budget must outlive it. Entries unused for a minute are dropped.
/// </summary>
internal sealed class AjaxRateLimiters(IOptions<SenteOptions> options, TimeProvider time)
{
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<(string Uid, string ClientId), Entry> _entries = new();
    private long _lastSweep = time.GetTimestamp();

    public InboundRateLimiter For(string uid, string clientId)
    {
        SweepIfDue();
        var entry = _entries.GetOrAdd((uid, clientId), _ => new Entry(new InboundRateLimiter(options.Value.Limits)));
        entry.LastUsed = time.GetTimestamp();
        return entry.Limiter;
    }

    private void SweepIfDue()
    {
        var last = Interlocked.Read(ref _lastSweep);
        if (time.GetElapsedTime(last) < Idle || Interlocked.CompareExchange(ref _lastSweep, time.GetTimestamp(), last) != last)
        {
            return;
        }

        foreach (var (key, entry) in _entries)
        {
            if (time.GetElapsedTime(entry.LastUsed) > Idle && _entries.TryRemove(new(key, entry)))
            {
                entry.Limiter.Dispose();
            }
        }
    }

    private sealed class Entry(InboundRateLimiter limiter)
    {
        public InboundRateLimiter Limiter { get; } = limiter;

        public long LastUsed { get; set; }
    }
}
