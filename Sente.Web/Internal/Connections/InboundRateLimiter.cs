using System.Threading.RateLimiting;

namespace Sente.Web.Internal.Connections;

/// <summary>
/// One connection's event budget: a token bucket (System.Threading.RateLimiting) replenished on
/// use rather than by a timer, so idle connections cost no timer each.
/// </summary>
internal sealed class InboundRateLimiter : IDisposable
{
    private readonly TokenBucketRateLimiter _bucket;

    public InboundRateLimiter(InboundLimitsOptions options)
    {
        _bucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, options.Burst),
            TokensPerPeriod = Math.Max(1, options.EventsPerSecond / 10),
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            AutoReplenishment = false,
            QueueLimit = 0,
        });
    }

    /// <summary>Takes one event's token; <see langword="false"/> when over the limit.</summary>
    public bool TryAcquire()
    {
        _bucket.TryReplenish();
        using var lease = _bucket.AttemptAcquire();
        return lease.IsAcquired;
    }

    public void Dispose() => _bucket.Dispose();
}
