using Microsoft.Extensions.Configuration;
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
public sealed class SenteClusterFixture : IAsyncLifetime
{
    private TestCluster? _cluster;

    /// <summary>The cluster (deployed).</summary>
    public TestCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not deployed.");

    /// <summary>The external cluster client: code that runs here runs outside the silos.</summary>
    public IClusterClient Client => Cluster.Client;

    /// <summary>Starts the cluster.</summary>
    public async Task InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    /// <summary>Stops the cluster.</summary>
    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.StopAllSilosAsync();
            await _cluster.DisposeAsync();
        }
    }

    /// <summary>Silo configuration shared by all tests.</summary>
    public sealed class SiloConfigurator : ISiloConfigurator
    {
        /// <inheritdoc />
        public void Configure(ISiloBuilder siloBuilder) => siloBuilder
            .AddMemoryGrainStorageAsDefault()
            .AddMemoryGrainStorage(SenteStreams.PubSubStore)
            .AddSenteStreams();
    }

    /// <summary>Client configuration shared by all tests.</summary>
    public sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        /// <inheritdoc />
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.AddSenteStreams();
    }
}

/// <summary>Test classes in this collection share one <see cref="SenteClusterFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class SenteClusterCollection : ICollectionFixture<SenteClusterFixture>
{
    /// <summary>The collection name for <c>[Collection(SenteClusterCollection.Name)]</c>.</summary>
    public const string Name = "Sente cluster";
}
