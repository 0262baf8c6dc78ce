using System.Collections.Concurrent;
using Sente.Protocol;
using Sente.Wire;

namespace Sente.Grains.Tests.Users;

/// <summary>A web node as the grains see it: records deliveries, and can refuse or stall them.</summary>
public sealed class RecordingNodeObserver : IWebNodeObserver
{
    private readonly ConcurrentQueue<(string ConnectionId, long FirstSeq, SenteEvent[] Events)> _deliveries = new();
    private readonly SemaphoreSlim _signal = new(0);

    /// <summary>Gets or sets whether deliveries are accepted (false: "I no longer hold that connection").</summary>
    public bool Accept { get; set; } = true;

    /// <summary>Gets or sets a delay before each delivery is answered (a slow node).</summary>
    public TimeSpan Stall { get; set; }

    public ConcurrentQueue<string> Closed { get; } = new();

    /// <summary>Gets or sets an ack to send after each delivery (a well-behaved client acks what it got).</summary>
    public Func<long, Task>? AckWith { get; set; }

    public IReadOnlyList<(string ConnectionId, long FirstSeq, SenteEvent[] Events)> Deliveries => _deliveries.ToArray();

    public async Task<bool> DeliverAsync(string connectionId, long firstSeq, SenteEvent[] events)
    {
        if (Stall > TimeSpan.Zero)
        {
            await Task.Delay(Stall);
        }

        if (!Accept)
        {
            return false;
        }

        _deliveries.Enqueue((connectionId, firstSeq, events));
        _signal.Release();
        if (AckWith is { } ack)
        {
            await ack(firstSeq + events.Length - 1);
        }

        return true;
    }

    public async Task<bool[]> DeliverManyAsync(NodeDelivery[] deliveries)
    {
        var held = new bool[deliveries.Length];
        for (var i = 0; i < deliveries.Length; i++)
        {
            held[i] = await DeliverAsync(deliveries[i].ConnectionId, deliveries[i].FirstSeq, deliveries[i].Events);
        }

        Interlocked.Increment(ref _manyCalls);
        return held;
    }

    private int _manyCalls;

    /// <summary>Gets how many grouped deliveries (several connections in one call) arrived.</summary>
    public int ManyCalls => Volatile.Read(ref _manyCalls);

    public Task ReplyAsync(string connectionId, string callback, string replyJson) => Task.CompletedTask;

    public Task CloseAsync(string connectionId, string reason)
    {
        Closed.Enqueue(connectionId);
        return Task.CompletedTask;
    }

    /// <summary>Events delivered to one connection, flattened with their seqs; checks seqs are consecutive.</summary>
    public IReadOnlyList<(long Seq, SenteEvent Event)> EventsFor(string connectionId)
    {
        var result = new List<(long, SenteEvent)>();
        long? last = null;
        foreach (var (conn, first, events) in _deliveries.Where(d => d.ConnectionId == connectionId))
        {
            Assert.True(last is null || first == last + 1, $"delivery starts at {first} after {last}");
            for (var i = 0; i < events.Length; i++)
            {
                result.Add((first + i, events[i]));
            }

            last = first + events.Length - 1;
        }

        return result;
    }

    public async Task WaitForEventsAsync(string connectionId, int count)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        while (_deliveries.Where(d => d.ConnectionId == connectionId).Sum(d => d.Events.Length) < count)
        {
            try
            {
                await _signal.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                var got = _deliveries.Where(d => d.ConnectionId == connectionId).Select(d => $"{d.FirstSeq}+{d.Events.Length}");
                throw new TimeoutException($"Waited for {count} events on {connectionId}; deliveries: {string.Join(" ", got)}");
            }
        }
    }
}
