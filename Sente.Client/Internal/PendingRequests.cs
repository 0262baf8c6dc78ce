using System.Globalization;
using System.Text.Json;
using Sente.Protocol;

namespace Sente.Client.Internal;

/// <summary>
/// The requests of one connection that wait for a reply, keyed by callback id. A connection owns
/// one, so "fail everything with <c>chsk/closed</c> when it drops" is one call.
/// </summary>
internal sealed class PendingRequests(TimeProvider timeProvider)
{
    // Process-wide, so callback ids stay unique across connections and clients (1–36 chars: a long fits).
    private static long s_lastId;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Pending> _pending = new(StringComparer.Ordinal);
    private string? _closedReason;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Registers a request and arms its timeout before anything is sent, so the timer exists when the reply can come.</summary>
    public (string Callback, Task<JsonElement> Reply) Register(string eventId, TimeSpan timeout)
    {
        var cb = Interlocked.Increment(ref s_lastId).ToString(CultureInfo.InvariantCulture);
        var pending = new Pending(eventId);
        lock (_gate)
        {
            if (_closedReason is { } reason)
            {
                pending.Reply.TrySetException(new SenteRequestException(reason, eventId));
                return (cb, pending.Reply.Task);
            }

            _pending.Add(cb, pending);
        }

        pending.Timer = timeProvider.CreateTimer(
            static state =>
            {
                var (self, id) = ((PendingRequests, string))state!;
                self.Fail(id, CallbackReplies.Timeout);
            },
            (this, cb),
            timeout,
            Timeout.InfiniteTimeSpan);
        return (cb, pending.Reply.Task);
    }

    /// <summary>Delivers a reply; reserved reply values fail the request with that reason.</summary>
    /// <returns><see langword="false"/> when no request waits for <paramref name="cb"/> (e.g. it timed out).</returns>
    public bool TryComplete(string cb, JsonElement value)
    {
        if (!TryRemove(cb, out var pending))
        {
            return false;
        }

        if (value.ValueKind == JsonValueKind.String && value.GetString() is CallbackReplies.Closed or CallbackReplies.Timeout or CallbackReplies.Error)
        {
            pending.Reply.TrySetException(new SenteRequestException(value.GetString()!, pending.EventId));
        }
        else
        {
            pending.Reply.TrySetResult(value.Clone());
        }

        return true;
    }

    /// <summary>Fails one request with a reserved reason.</summary>
    public void Fail(string cb, string reason)
    {
        if (TryRemove(cb, out var pending))
        {
            pending.Reply.TrySetException(new SenteRequestException(reason, pending.EventId));
        }
    }

    /// <summary>Fails one request with a reserved reason and what went wrong (e.g. an HTTP status that refused it).</summary>
    public void Fail(string cb, string reason, string detail, int? statusCode, Exception? exception)
    {
        if (TryRemove(cb, out var pending))
        {
            pending.Reply.TrySetException(new SenteRequestException(reason, pending.EventId, detail, statusCode, exception));
        }
    }

    /// <summary>Cancels one request (its caller gave up).</summary>
    public void Cancel(string cb, CancellationToken token)
    {
        if (TryRemove(cb, out var pending))
        {
            pending.Reply.TrySetCanceled(token);
        }
    }

    /// <summary>Fails every waiting request, and every later one, with <paramref name="reason"/>.</summary>
    public void Close(string reason)
    {
        List<Pending> failed;
        lock (_gate)
        {
            _closedReason ??= reason;
            failed = [.. _pending.Values];
            _pending.Clear();
        }

        foreach (var pending in failed)
        {
            pending.Timer?.Dispose();
            pending.Reply.TrySetException(new SenteRequestException(reason, pending.EventId));
        }
    }

    private bool TryRemove(string cb, out Pending pending)
    {
        lock (_gate)
        {
            if (!_pending.Remove(cb, out pending!))
            {
                return false;
            }
        }

        pending.Timer?.Dispose();
        return true;
    }

    private sealed class Pending(string eventId)
    {
        public string EventId { get; } = eventId;

        public TaskCompletionSource<JsonElement> Reply { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ITimer? Timer { get; set; }
    }
}
