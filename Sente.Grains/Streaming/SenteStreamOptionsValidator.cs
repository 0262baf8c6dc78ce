using Orleans;
using Orleans.Runtime;

namespace Sente.Grains.Streaming;

/// <summary>Checks one provider's <see cref="SenteStreamOptions"/> when the silo or client starts.</summary>
internal sealed class SenteStreamOptionsValidator(SenteStreamOptions options, string name) : IConfigurationValidator
{
    /// <inheritdoc />
    public void ValidateConfiguration()
    {
        if (options.Partitions < 1)
        {
            Fail(nameof(SenteStreamOptions.Partitions), "must be at least 1");
        }

        if (options.MaxDequeueWait <= TimeSpan.Zero || options.MaxDequeueWait > SenteStreamOptions.MaxAllowedDequeueWait)
        {
            Fail(nameof(SenteStreamOptions.MaxDequeueWait), $"must be positive and at most {SenteStreamOptions.MaxAllowedDequeueWait}");
        }

        if (options.PullingAgentPeriod <= TimeSpan.Zero)
        {
            Fail(nameof(SenteStreamOptions.PullingAgentPeriod), "must be positive");
        }

        if (options.MaxQueueLength < 1)
        {
            Fail(nameof(SenteStreamOptions.MaxQueueLength), "must be at least 1");
        }

        if (options.CacheSize < 1)
        {
            Fail(nameof(SenteStreamOptions.CacheSize), "must be at least 1");
        }

        if (!Enum.IsDefined(options.PubSubType))
        {
            Fail(nameof(SenteStreamOptions.PubSubType), "is not a known pub-sub type");
        }
    }

    private void Fail(string property, string problem) =>
        throw new OrleansConfigurationException($"Sente stream provider '{name}': {nameof(SenteStreamOptions)}.{property} {problem}.");
}
