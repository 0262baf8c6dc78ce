using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Sente.Grains;
using Sente.Wire;

namespace Sente.Web.Internal.Connections;

/// <summary>
/// Gathers acks per user for a few milliseconds and sends them as one message: a user with many
/// clients on this node, each acking every batch, would otherwise send the user grain one message
/// per client per push. Acks are cumulative and idempotent, so only the highest per client-id goes.
/// </summary>
internal sealed partial class AckCoalescer(IClusterClient cluster, ILogger<AckCoalescer> logger)
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(5);
    private readonly ConcurrentDictionary<string, PendingAcks> _byUser = new(StringComparer.Ordinal);

    public void Ack(string uid, string clientId, long seq)
    {
        while (true)
        {
            var pending = _byUser.GetOrAdd(uid, static _ => new PendingAcks());
            lock (pending)
            {
                if (pending.Flushed)
                {
                    continue; // Raced with a flush that removed it: take a fresh one.
                }

                pending.Seqs[clientId] = Math.Max(seq, pending.Seqs.GetValueOrDefault(clientId));
                if (pending.Scheduled)
                {
                    return;
                }

                pending.Scheduled = true;
            }

            _ = FlushLaterAsync(uid, pending);
            return;
        }
    }

    private async Task FlushLaterAsync(string uid, PendingAcks pending)
    {
        await Task.Delay(Window);
        ClientAck[] acks;
        lock (pending)
        {
            pending.Flushed = true;
            _byUser.TryRemove(new KeyValuePair<string, PendingAcks>(uid, pending));
            acks = pending.Seqs.Select(kv => new ClientAck(kv.Key, kv.Value)).ToArray();
        }

        try
        {
            await cluster.GetGrain<IUserGrain>(uid).AckManyAsync(acks);
        }
        catch (Exception ex)
        {
            // An ack lost here is harmless: the next ack, or the next resume's last-seq, covers it.
            Log.AckFailed(logger, ex, uid, acks.Length);
        }
    }

    private sealed class PendingAcks
    {
        public Dictionary<string, long> Seqs { get; } = new(StringComparer.Ordinal);

        public bool Scheduled { get; set; }

        public bool Flushed { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(60, LogLevel.Warning, "Could not send {Count} ack(s) of user {UserId}.", EventName = "AckFailed")]
        public static partial void AckFailed(ILogger logger, Exception exception, string userId, int count);
    }
}
