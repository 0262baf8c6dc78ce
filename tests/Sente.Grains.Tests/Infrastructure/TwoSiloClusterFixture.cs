using Microsoft.Extensions.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;

namespace Sente.Grains.Tests.Infrastructure;

/// <summary>
/// A two-silo in-process test cluster whose silos are configured by <typeparamref name="TSilo"/>;
/// the client gets the Sente stream provider. Fixtures differ only in their silo configuration.
/// </summary>
public abstract class TwoSiloClusterFixture<TSilo> : IAsyncLifetime
    where TSilo : ISiloConfigurator, new()
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
        builder.AddSiloBuilderConfigurator<TSilo>();
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

    /// <summary>Client configuration shared by all fixtures.</summary>
    public sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        /// <inheritdoc />
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) => clientBuilder.AddSenteStreams();
    }
}
