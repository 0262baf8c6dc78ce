using System.Collections.Concurrent;

namespace Sente.FunctionalTests.Infrastructure;

/// <summary>Records the server-side events handlers saw (one per server), and lets tests await them.</summary>
public sealed class EventRecorder
{
    private readonly ConcurrentQueue<(string Uid, string EventId, string? Data)> _events = new();
    private readonly SemaphoreSlim _signal = new(0);

    public void Record(string uid, string eventId, string? data)
    {
        _events.Enqueue((uid, eventId, data));
        _signal.Release();
    }

    public IReadOnlyList<(string EventId, string? Data)> For(string uid) =>
        _events.Where(e => e.Uid == uid).Select(e => (e.EventId, e.Data)).ToArray();

    /// <summary>Waits until <paramref name="predicate"/> holds over the events of <paramref name="uid"/>.</summary>
    public async Task WaitForAsync(string uid, Func<IReadOnlyList<(string EventId, string? Data)>, bool> predicate, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeoutExtensions.Default);
        while (!predicate(For(uid)))
        {
            try
            {
                await _signal.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Events of {uid} never matched; saw: {string.Join(", ", For(uid).Select(e => e.EventId))}");
            }
        }
    }
}
