using Orleans.Runtime;
using Sente.Grains.Streaming;

namespace Sente.Grains.Tests.Streaming;

public sealed class SenteStreamOptionsValidatorTests
{
    [Fact]
    public void ValidateConfiguration_Defaults_Passes() =>
        new SenteStreamOptionsValidator(new SenteStreamOptions(), "sente").ValidateConfiguration();

    [Theory]
    [InlineData(0, 5_000, 1)]
    [InlineData(8, 0, 1)]
    [InlineData(8, 60_000, 1)]
    [InlineData(8, 5_000, 0)]
    public void ValidateConfiguration_OutOfRange_Throws(int partitions, int maxWaitMs, int periodMs)
    {
        var options = new SenteStreamOptions
        {
            Partitions = partitions,
            MaxDequeueWait = TimeSpan.FromMilliseconds(maxWaitMs),
            PullingAgentPeriod = TimeSpan.FromMilliseconds(periodMs),
        };

        Assert.Throws<OrleansConfigurationException>(() => new SenteStreamOptionsValidator(options, "sente").ValidateConfiguration());
    }
}
