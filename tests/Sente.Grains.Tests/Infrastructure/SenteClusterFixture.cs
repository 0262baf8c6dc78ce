using Orleans.Hosting;
using Orleans.TestingHost;
using Sente.Streams;

namespace Sente.Grains.Tests.Infrastructure;

/// <summary>
/// A two-silo in-process test cluster configured like the embedded install: memory grain storage
/// (default and <c>PubSubStore</c>) and the Sente stream provider on silos and client. Shared by
/// every test class in <see cref="SenteClusterCollection"/>; tests isolate themselves by using
/// fresh grain keys.
/// </summary>
public sealed class SenteClusterFixture : TwoSiloClusterFixture<SenteClusterFixture.SiloConfigurator>
{
    /// <summary>Silo configuration shared by all tests.</summary>
    public sealed class SiloConfigurator : ISiloConfigurator
    {
        /// <inheritdoc />
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder
            .AddMemoryGrainStorageAsDefault()
            .AddMemoryGrainStorage(SenteStreams.PubSubStore)
            .AddSenteStreams();
    }
}

/// <summary>Test classes in this collection share one <see cref="SenteClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SenteClusterCollection : ICollectionFixture<SenteClusterFixture>
{
    /// <summary>The collection name for <c>[Collection(SenteClusterCollection.Name)]</c>.</summary>
    public const string Name = "Sente cluster";
}
