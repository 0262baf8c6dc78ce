using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;
using Sente.Grains.Diagnostics;
using Sente.Grains.Presence;
using Sente.Protocol;
using Sente.Streams;
using Sente.Wire;

namespace Sente.Grains.Users;

/// <summary>
/// The per-user sequencer (see <see cref="IUserGrain"/>). Single-threaded by Orleans, so every
/// decision about seqs, routes and presence for one user happens in one place, in one order.
/// </summary>
internal sealed partial class UserGrain(
    IOptions<SenteGrainOptions> options,
    TimeProvider time,
    SenteGrainMetrics metrics,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private readonly SenteGrainOptions _options = options.Value;
    private readonly Dictionary<string, ClientRecord> _clients = new(StringComparer.Ordinal);
    private readonly HashSet<string> _trackedNodes = new(StringComparer.Ordinal);
    /// <summary>How long a connect waits for its presence shard to confirm the user is online.</summary>
    private static readonly TimeSpan PresencePublishTimeout = TimeSpan.FromSeconds(2);

    private UserPresence _publishedPresence = UserPresence.Offline;
    private IGrainTimer? _sweepTimer;

    private string Uid => this.GetPrimaryKeyString();

    public Task<int> SendAsync(SenteEvent evt) => SendManyAsync([evt]);

    public Task<int> SendManyAsync(SenteEvent[] events)
    {
        foreach (var evt in events)
        {
            EnsureSendable(evt);
        }

        if (_clients.Count == 0)
        {
            Log.SentToNobody(logger, Uid, events.Length);
            metrics.Unrouted(events.Length);
            return Task.FromResult(0);
        }

        foreach (var client in _clients.Values)
        {
            Append(client, events);
        }

        PumpMany(_clients.Values);
        return Task.FromResult(_clients.Count);
    }

    public Task<int> SendToClientAsync(string clientId, SenteEvent evt)
    {
        EnsureSendable(evt);
        if (!_clients.TryGetValue(clientId, out var client))
        {
            return Task.FromResult(0);
        }

        Append(client, [evt]);
        Pump(client);
        return Task.FromResult(1);
    }

    public async Task<ConnectResult> ConnectAsync(ConnectRequest request)
    {
        var lastSeq = request.LastSeq is { } n && n >= 0 ? n : (long?)null;
        var isNew = !_clients.TryGetValue(request.ClientId, out var client);
        if (isNew)
        {
            client = new ClientRecord(request.ClientId, request.Transport);
            _clients.Add(request.ClientId, client);
            if (lastSeq > 0)
            {
                // The client saw events this grain does not remember (state was lost): start a fresh
                // stream after a seq it has never seen, and tell it to resynchronise.
                client.Outbox.Restart(lastSeq.Value + 1);
                client.AckedSeq = lastSeq.Value + 1;
            }
        }

        var result = Resume(client!, lastSeq) with { NewClient = isNew };
        if (client!.Route is { } previous && previous.ConnectionId != request.ConnectionId)
        {
            // A newer connection of the same client-id wins (a newer Ajax poll, a WebSocket that
            // reconnected before the old one was noticed dead): end the old one wherever it is.
            previous.Node.CloseAsync(previous.ConnectionId, ConnectionCloseReasons.Replaced).Ignore();
        }

        client.Transport = request.Transport;
        client.Route = new Route(request.ConnectionId, request.NodeId, request.Node);
        client.SentSeq = result.Seq;
        client.DeliveryInFlight = false;
        client.DisconnectedAt = null;
        Log.Connected(logger, Uid, request.ClientId, request.ConnectionId, request.Transport, result.Seq, result.Resumed);
        metrics.Connected(result.Resumed);

        if (_trackedNodes.Add(request.NodeId))
        {
            GrainFactory.GetGrain<IWebNodeGrain>(request.NodeId).TrackUserAsync(Uid).Ignore();
        }

        EnsureSweepTimer();
        var presencePublished = UpdatePresence();
        Pump(client);

        // Read-your-writes for presence: once a client holds its handshake, its user is in the
        // connected-users view (a broadcast sent right after reaches it). Bounded, so a slow shard
        // delays a first connect by at most PresencePublishTimeout and never fails it.
        try
        {
            await presencePublished.WaitAsync(PresencePublishTimeout);
        }
        catch (Exception ex)
        {
            Log.PresencePublishSlow(logger, ex, Uid);
        }

        return result;
    }

    public Task DisconnectAsync(string clientId, string connectionId)
    {
        if (_clients.TryGetValue(clientId, out var client) && client.Route?.ConnectionId == connectionId)
        {
            DropRoute(client, "closed");
        }

        return Task.CompletedTask;
    }

    public Task AckAsync(string clientId, long seq)
    {
        if (seq >= 0 && _clients.TryGetValue(clientId, out var client))
        {
            Ack(client, seq);
        }

        return Task.CompletedTask;
    }

    public Task AckManyAsync(ClientAck[] acks)
    {
        foreach (var ack in acks)
        {
            if (ack.Seq >= 0 && _clients.TryGetValue(ack.ClientId, out var client))
            {
                Ack(client, ack.Seq);
            }
        }

        return Task.CompletedTask;
    }

    public Task<UserClients> GetClientsAsync() =>
        Task.FromResult(new UserClients(Uid, _clients.Values.Select(c => c.ToInfo()).ToArray()));

    public Task<UserPresence> GetPresenceAsync() => Task.FromResult(ComputePresence());

    public Task WebNodeDiedAsync(string nodeId)
    {
        _trackedNodes.Remove(nodeId);
        foreach (var client in _clients.Values)
        {
            if (client.Route?.NodeId == nodeId)
            {
                DropRoute(client, "web node died");
            }
        }

        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_clients.Count > 0)
        {
            Log.DeactivatedWithClients(logger, Uid, _clients.Count, reason.Description);
        }

        return Task.CompletedTask;
    }

    private static void EnsureSendable(SenteEvent evt)
    {
        ArgumentNullException.ThrowIfNull(evt);
        if (SenteEventIds.IsReserved(evt.Id))
        {
            throw new ArgumentException($"Event id '{evt.Id}' is reserved for the protocol and cannot be pushed.", nameof(evt));
        }
    }

    /// <summary>
    /// Works out where a connection's stream starts. Cases:
    /// 1 - no last-seq: continue after the last ack (events dropped since then move the start up);
    /// 2 - last-seq beyond what this grain assigned: its state is behind the client, restart after last-seq, resumed false;
    /// 3 - every event after last-seq still held: resumed true, replay from there;
    /// 4 - some were dropped (retention): start at the first held event, resumed false.
    /// </summary>
    private ConnectResult Resume(ClientRecord client, long? lastSeq)
    {
        var outbox = client.Outbox;
        if (lastSeq is null)
        {
            // Case 1
            return new ConnectResult(Math.Max(client.AckedSeq, outbox.FirstHeldSeq - 1), null);
        }

        var n = lastSeq.Value;
        if (n > outbox.LastSeq)
        {
            // Case 2
            outbox.Restart(n + 1);
            client.AckedSeq = n + 1;
            return new ConnectResult(n + 1, false);
        }

        // The client says it processed everything through n: that is an ack.
        Ack(client, n);
        if (n + 1 >= outbox.FirstHeldSeq)
        {
            // Case 3
            return new ConnectResult(n, true);
        }

        // Case 4
        return new ConnectResult(outbox.FirstHeldSeq - 1, false);
    }

    private void Append(ClientRecord client, SenteEvent[] events)
    {
        metrics.Queued(events.Length);
        foreach (var evt in events)
        {
            var dropped = client.Outbox.Append(evt, _options.RetentionCount);
            if (dropped == 0)
            {
                continue;
            }

            metrics.Dropped(dropped);
            if (client.Route is not null
                && client.SentSeq < client.Outbox.FirstHeldSeq - 1)
            {
                // An event this connection has not been sent yet was dropped: its stream would have a
                // gap. Close it so the client resumes and learns (resumed: false) that it must resync.
                Log.OverflowWhileConnected(logger, Uid, client.ClientId, _options.RetentionCount);
                client.Route.Node.CloseAsync(client.Route.ConnectionId, ConnectionCloseReasons.OutboxOverflow).Ignore();
                DropRoute(client, ConnectionCloseReasons.OutboxOverflow);
            }
        }
    }

    private void Ack(ClientRecord client, long seq)
    {
        var upTo = Math.Min(seq, client.Outbox.LastSeq);
        if (upTo > client.AckedSeq)
        {
            client.AckedSeq = upTo;
            client.Outbox.AckThrough(upTo);
        }
    }

    /// <summary>
    /// Hands the next events to the client's connection. One delivery is in flight per client at a
    /// time: that keeps seqs in order on the wire (Orleans does not promise message order) and makes
    /// events that arrive meanwhile leave together as one batch.
    /// </summary>
    private void Pump(ClientRecord client)
    {
        if (TryTake(client, out var route, out var from, out var events))
        {
            _ = DeliverAsync(client, route, from, events);
        }
    }

    /// <summary>
    /// Pumps several clients, one call per web node: a push to a user with many clients on one node
    /// is one message to that node instead of one per client.
    /// </summary>
    private void PumpMany(IEnumerable<ClientRecord> clients)
    {
        Dictionary<string, List<Pending>>? byNode = null;
        foreach (var client in clients)
        {
            if (TryTake(client, out var route, out var from, out var events))
            {
                byNode ??= new(StringComparer.Ordinal);
                if (!byNode.TryGetValue(route.NodeId, out var list))
                {
                    byNode[route.NodeId] = list = [];
                }

                list.Add(new Pending(client, route, from, events));
            }
        }

        foreach (var group in byNode?.Values ?? Enumerable.Empty<List<Pending>>())
        {
            if (group.Count == 1)
            {
                var p = group[0];
                _ = DeliverAsync(p.Client, p.Route, p.FirstSeq, p.Events);
            }
            else
            {
                _ = DeliverGroupAsync(group);
            }
        }
    }

    private bool TryTake(ClientRecord client, out Route route, out long from, out SenteEvent[] events)
    {
        route = client.Route!;
        from = client.SentSeq + 1;
        events = [];
        if (client.Route is null || client.DeliveryInFlight || client.SentSeq >= client.Outbox.LastSeq)
        {
            return false;
        }

        events = client.Outbox.Slice(from, _options.MaxDeliveryBatch);
        if (events.Length == 0)
        {
            return false;
        }

        client.DeliveryInFlight = true;
        client.SentSeq = from + events.Length - 1;
        return true;
    }

    private async Task DeliverGroupAsync(List<Pending> group)
    {
        var node = group[0].Route;
        bool[] held;
        try
        {
            var deliveries = group.Select(p => new NodeDelivery(p.Route.ConnectionId, p.FirstSeq, p.Events)).ToArray();
            held = await node.Node.DeliverManyAsync(deliveries).WaitAsync(_options.DeliveryTimeout);
        }
        catch (Exception ex)
        {
            Log.DeliveryFailed(logger, ex, Uid, $"{group.Count} clients", node.ConnectionId, node.NodeId);
            held = new bool[group.Count];
        }

        List<ClientRecord>? again = null;
        for (var i = 0; i < group.Count; i++)
        {
            var (client, route, _, _) = group[i];
            if (Settle(client, route, i < held.Length && held[i]))
            {
                (again ??= []).Add(client);
            }
        }

        if (again is not null)
        {
            PumpMany(again);
        }
    }

    private sealed record Pending(ClientRecord Client, Route Route, long FirstSeq, SenteEvent[] Events);

    private async Task DeliverAsync(ClientRecord client, Route route, long firstSeq, SenteEvent[] events)
    {
        bool delivered;
        try
        {
            delivered = await route.Node.DeliverAsync(route.ConnectionId, firstSeq, events).WaitAsync(_options.DeliveryTimeout);
        }
        catch (Exception ex)
        {
            Log.DeliveryFailed(logger, ex, Uid, client.ClientId, route.ConnectionId, route.NodeId);
            delivered = false;
        }

        if (Settle(client, route, delivered))
        {
            Pump(client);
        }
    }

    /// <summary>
    /// Records a delivery's outcome; <see langword="true"/> when the client should be pumped again.
    /// Continuations run on the activation's scheduler, so this is single-threaded with calls.
    /// </summary>
    private bool Settle(ClientRecord client, Route route, bool delivered)
    {
        if (!ReferenceEquals(client.Route, route))
        {
            return false; // The connection was replaced or dropped meanwhile; the new one has its own pump.
        }

        client.DeliveryInFlight = false;
        if (!delivered)
        {
            DropRoute(client, "delivery failed");
            return false;
        }

        return true;
    }

    private void DropRoute(ClientRecord client, string why)
    {
        if (client.Route is not { } route)
        {
            return;
        }

        Log.Disconnected(logger, Uid, client.ClientId, route.ConnectionId, why);
        client.Route = null;
        client.DeliveryInFlight = false;
        client.DisconnectedAt = time.GetUtcNow();

        // The node stays tracked until the sweep: an Ajax client reconnects for every poll, and
        // untracking and re-tracking each time would cost the node's lease grain two calls per poll.

        // Presence changes only when the grace runs out; look again then.
        var grace = client.Transport == TransportKind.WebSocket ? _options.WebSocketGrace : _options.AjaxGrace;
        this.RegisterGrainTimer(static (self, _) => self.OnGraceElapsed(), this, new GrainTimerCreationOptions
        {
            DueTime = grace + TimeSpan.FromMilliseconds(1),
            Period = Timeout.InfiniteTimeSpan,
            KeepAlive = true,
        });
    }

    private Task OnGraceElapsed()
    {
        UpdatePresence().Ignore();
        return Task.CompletedTask;
    }

    private UserPresence ComputePresence()
    {
        var now = time.GetUtcNow();
        bool ws = false, ajax = false;
        foreach (var client in _clients.Values)
        {
            var grace = client.Transport == TransportKind.WebSocket ? _options.WebSocketGrace : _options.AjaxGrace;
            var present = client.Route is not null || (client.DisconnectedAt is { } at && now - at < grace);
            if (!present)
            {
                continue;
            }

            if (client.Transport == TransportKind.WebSocket)
            {
                ws = true;
            }
            else
            {
                ajax = true;
            }
        }

        return new UserPresence(ws, ajax);
    }

    /// <summary>
    /// Publishes presence transitions: to the uid's shard, and <c>uidport-open/close</c> to handlers.
    /// Returns the shard update (completed when nothing changed).
    /// </summary>
    private Task UpdatePresence()
    {
        var presence = ComputePresence();
        if (presence == _publishedPresence)
        {
            return Task.CompletedTask;
        }

        var wasAny = _publishedPresence.Any;
        _publishedPresence = presence;
        var shard = PresenceShards.ShardOf(Uid, _options.PresenceShards);
        var published = GrainFactory.GetGrain<IPresenceShardGrain>(shard).UpdateAsync(Uid, presence);

        if (presence.Any != wasAny)
        {
            var id = presence.Any ? SenteEventIds.UidPortOpen : SenteEventIds.UidPortClose;
            Log.UidPort(logger, Uid, id);
            var evt = new SenteEvent(id, System.Text.Json.JsonSerializer.Serialize(Uid));
            var stream = this.GetStreamProvider(SenteStreams.ProviderName).GetStream<InboundEvent>(SenteStreams.Inbound(Uid));
            stream.OnNextAsync(new InboundEvent(Uid, null, null, evt, null, null, TransportKind.WebSocket)).Ignore();
        }

        return published;
    }

    private void UntrackIdleNodes()
    {
        List<string>? idle = null;
        foreach (var nodeId in _trackedNodes)
        {
            if (!_clients.Values.Any(c => c.Route?.NodeId == nodeId))
            {
                (idle ??= []).Add(nodeId);
            }
        }

        foreach (var nodeId in idle ?? [])
        {
            _trackedNodes.Remove(nodeId);
            GrainFactory.GetGrain<IWebNodeGrain>(nodeId).UntrackUserAsync(Uid).Ignore();
        }
    }

    private void EnsureSweepTimer()
    {
        // KeepAlive: while the user has client-ids, this activation holds their outboxes and must not
        // be collected as idle; the sweep lets it go once the last one expires.
        _sweepTimer ??= this.RegisterGrainTimer(static (self, _) => self.Sweep(), this, new GrainTimerCreationOptions
        {
            DueTime = _options.SweepInterval,
            Period = _options.SweepInterval,
            KeepAlive = true,
        });
    }

    private Task Sweep()
    {
        var now = time.GetUtcNow();
        List<string>? expired = null;
        foreach (var client in _clients.Values)
        {
            if (client.Route is null && client.DisconnectedAt is { } at && now - at >= _options.RetentionAge)
            {
                (expired ??= []).Add(client.ClientId);
            }
        }

        if (expired is not null)
        {
            foreach (var id in expired)
            {
                Log.ClientExpired(logger, Uid, id);
                _clients.Remove(id);
            }
        }

        UntrackIdleNodes();
        UpdatePresence().Ignore();
        if (_clients.Count == 0)
        {
            _sweepTimer?.Dispose();
            _sweepTimer = null;
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }
}
