namespace Sente.Client;

/// <summary>The reconnect backoff of PROTOCOL.md section 7 (Sente's <c>exp-backoff</c>, with a cap).</summary>
public static class ReconnectBackoff
{
    /// <summary>The longest wait between two attempts.</summary>
    /// <value>60 seconds: Sente's curve has no maximum, which leaves clients idle for minutes (Sente issue #125).</value>
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(60);

    // 2^7 × 500 ms is already above the cap, so larger exponents change nothing and cannot overflow.
    private const int MaxExponent = 7;

    /// <summary>
    /// The default backoff: attempt 1 at once; attempt n ≥ 2 waits a random time in
    /// [2^n, 2^(n+1)) × 500 ms, capped at <see cref="Max"/>.
    /// </summary>
    /// <param name="attempt">The 1-based attempt number since the connection was last open.</param>
    /// <returns>How long to wait before the attempt.</returns>
    public static TimeSpan Default(int attempt) => Compute(attempt, Random.Shared.NextDouble());

    /// <summary>The default curve with the random part supplied, so tests can probe both ends.</summary>
    /// <param name="attempt">The 1-based attempt number.</param>
    /// <param name="random01">A value in [0, 1).</param>
    /// <returns>How long to wait before the attempt.</returns>
    public static TimeSpan Compute(int attempt, double random01)
    {
        if (attempt <= 1)
        {
            return TimeSpan.Zero;
        }

        var lowMs = (1L << Math.Min(attempt, MaxExponent)) * 500;

        // Clamped because random01 close to 1 rounds up to exactly 2^(n+1) × 500 in floating point.
        var ms = Math.Min(lowMs + (long)(random01 * lowMs), (2 * lowMs) - 1);
        var wait = TimeSpan.FromMilliseconds(ms);
        return wait < Max ? wait : Max;
    }
}
