using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Streams;
using Sente.Grains.Streaming;
using Sente.Grains.Tests.Infrastructure;
using Sente.Streams;
using Sente.Wire;

namespace Sente.Grains.Tests.Streaming;

[Collection(SenteClusterCollection.Name)]
[Trait("Category", "Grain")]
public sealed class SenteStreamProviderTests(SenteClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task OnNextAsync_ThousandEventsToOneStream_ArriveExactlyOnceInOrder()
    {
        const int count = 1000;
        var uid = NewUid();

        // One more event than counted: it arrives last, so any duplicate or reordering of the
        // first 1,000 would already be in the recording when it does.
        var recording = InboundEventRecorder.Expect(uid, lastSeq: count);
        await fixture.Client.GetGrain<ITestProducerGrain>(Guid.NewGuid()).Produce([uid], count + 1);

        await recording.LastArrived.WaitAsync(Timeout);
        Assert.Equal(Enumerable.Range(0, count + 1), recording.Seqs);
    }

    [Fact]
    public async Task OnNextAsync_FiftyStreamsInterleaved_EachArrivesInOrder()
    {
        const int perStream = 20;
        var uids = Enumerable.Range(0, 50).Select(_ => NewUid()).ToArray();
        var recordings = uids.Select(uid => InboundEventRecorder.Expect(uid, lastSeq: perStream - 1)).ToArray();

        await fixture.Client.GetGrain<ITestProducerGrain>(Guid.NewGuid()).Produce(uids, perStream);

        await Task.WhenAll(recordings.Select(r => r.LastArrived)).WaitAsync(Timeout);
        Assert.All(recordings, r => Assert.Equal(Enumerable.Range(0, perStream), r.Seqs));
    }

    [Fact]
    public async Task OnNextAsync_ProducerInClusterClient_ReachesImplicitSubscriberInOrder()
    {
        const int count = 100;
        var uid = NewUid();
        var recording = InboundEventRecorder.Expect(uid, lastSeq: count - 1);
        var stream = fixture.Client.GetStreamProvider(SenteStreams.ProviderName).GetStream<InboundEvent>(TestStreams.For(uid));

        for (var seq = 0; seq < count; seq++)
        {
            await stream.OnNextAsync(TestEvents.Create(uid, seq));
        }

        await recording.LastArrived.WaitAsync(Timeout);
        Assert.Equal(Enumerable.Range(0, count), recording.Seqs);
    }

    [Fact]
    public async Task Dequeue_EmptyQueueThenEnqueue_ReturnsBeforeMaxWait()
    {
        var queue = NewQueue();
        var read = queue.Dequeue(long.MinValue, long.MinValue, 10, TimeSpan.FromSeconds(20), CancellationToken.None);

        await queue.Enqueue(Batch("wake"));

        // Well under the 20 s wait: the enqueue woke the parked dequeue.
        var batches = await read.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Single(batches);
    }

    [Fact]
    public async Task Dequeue_ManyEnqueues_ReturnsFifoAndHonoursAfterSequence()
    {
        var queue = NewQueue();
        for (var i = 0; i < 5; i++)
        {
            await queue.Enqueue(Batch(i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        var first = await queue.Dequeue(long.MinValue, long.MinValue, 3, TimeSpan.Zero, CancellationToken.None);
        var rest = await queue.Dequeue(first[^1].SequenceNumber, long.MinValue, 10, TimeSpan.Zero, CancellationToken.None);

        Assert.Equal(["0", "1", "2", "3", "4"], first.Concat(rest).Select(b => b.StreamId.GetKeyAsString()));
        Assert.True(first.Concat(rest).Select(b => b.SequenceNumber).SequenceEqual(first.Concat(rest).Select(b => b.SequenceNumber).Order()));
    }

    [Fact]
    public async Task Shutdown_BeforeDelivery_NextReceiverReadsSameBatches()
    {
        var queue = NewQueue();
        await queue.Enqueue(Batch("a"));
        await queue.Enqueue(Batch("b"));

        var first = NewReceiver(queue);
        var read = await first.GetQueueMessagesAsync(10, CancellationToken.None);
        await first.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);

        // Read but never released by the agent's cache: a rebalanced successor gets them again.
        var second = NewReceiver(queue);
        var reread = await second.GetQueueMessagesAsync(10, CancellationToken.None);
        Assert.Equal(Keys(read), Keys(reread));

        // Once delivered (purged from the cache) and acknowledged, they are gone.
        await second.MessagesDeliveredAsync(reread, CancellationToken.None);
        await second.Shutdown(TimeSpan.FromSeconds(5), CancellationToken.None);
        var third = NewReceiver(queue);
        Assert.Empty(await third.GetQueueMessagesAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task GetQueueMessagesAsync_Cancelled_ReturnsEmptyWithoutLosingData()
    {
        var queue = NewQueue();
        var receiver = NewReceiver(queue, TimeSpan.FromSeconds(20));
        using var cts = new CancellationTokenSource();

        var read = receiver.GetQueueMessagesAsync(10, cts.Token);
        await cts.CancelAsync();
        Assert.Empty(await read.WaitAsync(TimeSpan.FromSeconds(10)));

        await queue.Enqueue(Batch("kept"));
        var next = await NewReceiver(queue).GetQueueMessagesAsync(10, CancellationToken.None);
        Assert.Equal(["kept"], Keys(next));
    }

    private static string NewUid() => "test-" + Guid.NewGuid().ToString("N");

    private ISenteStreamQueueGrain NewQueue() =>
        fixture.Client.GetGrain<ISenteStreamQueueGrain>($"{SenteStreams.ProviderName}/test-{Guid.NewGuid():N}");

    private static SenteQueueAdapterReceiver NewReceiver(ISenteStreamQueueGrain queue, TimeSpan? maxWait = null) =>
        new(queue, "test", maxWait ?? TimeSpan.FromMilliseconds(50), NullLogger.Instance);

    private static SenteBatchContainer Batch(string key) =>
        new(StreamId.Create("test", key), [key], null);

    private static string[] Keys(IEnumerable<IBatchContainer> batches) =>
        batches.Select(b => b.StreamId.GetKeyAsString()).ToArray();
}
