using System.Collections.Concurrent;

namespace Sente.Grains.Tests.Streaming;

/// <summary>
/// What the test subscriber grain received, per uid, in arrival order. Static because the
/// test cluster's silos run in the test process.
/// </summary>
internal static class InboundEventRecorder
{
    private static readonly ConcurrentDictionary<string, Recording> Recordings = new();

    /// <summary>Starts recording a uid; completes when <paramref name="lastSeq"/> arrives.</summary>
    public static Recording Expect(string uid, int lastSeq) => Recordings[uid] = new Recording(lastSeq);

    /// <summary>Called by the subscriber grain for every event.</summary>
    public static void Record(string uid, int seq)
    {
        if (Recordings.TryGetValue(uid, out var recording))
        {
            recording.Add(seq);
        }
    }

    internal sealed class Recording(int lastSeq)
    {
        private readonly List<int> _seqs = [];
        private readonly TaskCompletionSource _last = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes when the last expected event has arrived.</summary>
        public Task LastArrived => _last.Task;

        public IReadOnlyList<int> Seqs
        {
            get
            {
                lock (_seqs)
                {
                    return [.. _seqs];
                }
            }
        }

        public void Add(int seq)
        {
            lock (_seqs)
            {
                _seqs.Add(seq);
            }

            if (seq == lastSeq)
            {
                _last.TrySetResult();
            }
        }
    }
}
