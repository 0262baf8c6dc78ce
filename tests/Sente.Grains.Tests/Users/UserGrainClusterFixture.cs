using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.TestingHost;
using Sente.Grains.Tests.Infrastructure;
using Sente.Grains.Inbound;

namespace Sente.Grains.Tests.Users;

/// <summary>
/// A two-silo test cluster with Sente added as the embedded host adds it, with short graces and
/// retention so lifecycle tests run in well under a second each. Handlers record what they see.
/// </summary>
public sealed class UserGrainClusterFixture : TwoSiloClusterFixture<UserGrainClusterFixture.SiloConfigurator>
{
    // Graces long enough that a reconnect on a CPU-starved CI box lands inside them.
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan RetentionAge = TimeSpan.FromSeconds(3);
    public const int RetentionCount = 200;

    /// <summary>Events raised to application handlers, by uid (silos run in this process).</summary>
    public static readonly ConcurrentQueue<(string Uid, string EventId, string? ClientId)> Handled = new();

    public static IReadOnlyList<string> HandledFor(string uid) => Handled.Where(h => h.Uid == uid).Select(h => h.EventId).ToArray();

    public sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            silo.AddMemoryGrainStorageAsDefault();
            silo.AddSente(o =>
            {
                o.WebSocketGrace = Grace;
                o.AjaxGrace = Grace * 2;
                o.RetentionAge = RetentionAge;
                o.RetentionCount = RetentionCount;
                o.SweepInterval = TimeSpan.FromMilliseconds(200);
                o.DeliveryTimeout = TimeSpan.FromSeconds(10);
                o.NodeLeaseCheckInterval = TimeSpan.FromMilliseconds(100);
                o.MaxDeliveryBatch = 50;
            });
            foreach (var id in new[] { "chsk/uidport-open", "chsk/uidport-close", "test/event" })
            {
                silo.Services.AddSenteHandler(id, Record);
            }
        }

        private static Task Record(SenteEventContext ctx)
        {
            Handled.Enqueue((ctx.Uid, ctx.EventId, ctx.ClientId));
            return Task.CompletedTask;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class UserGrainClusterCollection : ICollectionFixture<UserGrainClusterFixture>
{
    public const string Name = "User grain cluster";
}
