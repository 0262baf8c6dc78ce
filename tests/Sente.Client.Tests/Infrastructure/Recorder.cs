namespace Sente.Client.Tests.Infrastructure;

/// <summary>
/// Records items from a callback and lets a test await one that matches, past or future, without
/// sleeping (Wolverine's tracked-session idea in miniature).
/// </summary>
internal sealed class Recorder<T>
{
    private readonly List<T> _items = [];
    private readonly List<(Func<T, bool> Match, TaskCompletionSource<T> Done)> _waiters = [];

    public IReadOnlyList<T> Items
    {
        get
        {
            lock (_items)
            {
                return [.. _items];
            }
        }
    }

    public void Add(T item)
    {
        List<TaskCompletionSource<T>> done = [];
        lock (_items)
        {
            _items.Add(item);
            foreach (var waiter in _waiters.Where(w => w.Match(item)).ToList())
            {
                _waiters.Remove(waiter);
                done.Add(waiter.Done);
            }
        }

        done.ForEach(d => d.TrySetResult(item));
    }

    /// <summary>Waits for an item matching <paramref name="match"/>, among those recorded from index <paramref name="from"/> on.</summary>
    public Task<T> WaitForAsync(Func<T, bool> match, int from = 0)
    {
        lock (_items)
        {
            for (var i = from; i < _items.Count; i++)
            {
                if (match(_items[i]))
                {
                    return Task.FromResult(_items[i]);
                }
            }

            var tcs = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, tcs));
            return tcs.Task.DefaultTimeout();
        }
    }

    public int Count
    {
        get
        {
            lock (_items)
            {
                return _items.Count;
            }
        }
    }
}
