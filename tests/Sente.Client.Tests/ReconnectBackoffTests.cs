namespace Sente.Client.Tests;

[Trait("Category", "Unit")]
public sealed class ReconnectBackoffTests
{
    [Fact]
    public void Default_FirstAttempt_IsImmediate()
    {
        Assert.Equal(TimeSpan.Zero, ReconnectBackoff.Default(1));
        Assert.Equal(TimeSpan.Zero, ReconnectBackoff.Compute(1, 0.99));
    }

    [Theory]
    [InlineData(2, 2000, 4000)]
    [InlineData(3, 4000, 8000)]
    [InlineData(4, 8000, 16000)]
    [InlineData(5, 16000, 32000)]
    public void Compute_AttemptN_StaysInHalfOpenRange(int attempt, int minMs, int maxMsExclusive)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(minMs), ReconnectBackoff.Compute(attempt, 0));
        var top = ReconnectBackoff.Compute(attempt, Math.BitDecrement(1.0));
        Assert.True(top < TimeSpan.FromMilliseconds(maxMsExclusive), $"{top} should be < {maxMsExclusive} ms");
        Assert.True(top >= TimeSpan.FromMilliseconds(maxMsExclusive - 1));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Default_RandomSamples_StayInRange(int attempt)
    {
        var min = TimeSpan.FromMilliseconds(Math.Pow(2, attempt) * 500);
        var max = TimeSpan.FromMilliseconds(Math.Pow(2, attempt + 1) * 500);
        for (var i = 0; i < 1000; i++)
        {
            var wait = ReconnectBackoff.Default(attempt);
            Assert.InRange(wait, min, max - TimeSpan.FromTicks(1));
        }
    }

    [Fact]
    public void Compute_Attempt6_IsCappedInsideItsRange()
    {
        // [32 s, 64 s): the lower part stays, the upper part is cut at 60 s.
        Assert.Equal(TimeSpan.FromSeconds(32), ReconnectBackoff.Compute(6, 0));
        Assert.Equal(TimeSpan.FromSeconds(60), ReconnectBackoff.Compute(6, 0.99));
    }

    [Theory]
    [InlineData(7)]
    [InlineData(10)]
    [InlineData(40)]
    [InlineData(int.MaxValue)]
    public void Compute_LargeAttempts_AreCappedAt60Seconds(int attempt)
    {
        Assert.Equal(ReconnectBackoff.Max, ReconnectBackoff.Compute(attempt, 0));
        Assert.Equal(ReconnectBackoff.Max, ReconnectBackoff.Compute(attempt, 0.5));
        Assert.Equal(TimeSpan.FromSeconds(60), ReconnectBackoff.Max);
    }
}
