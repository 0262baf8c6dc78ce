using Orleans.Streams;
using Orleans.Streams.Core;
using Sente.Protocol;
using Sente.Streams;
using Sente.Wire;

namespace Sente.Grains.Tests.Streaming;

/// <summary>
/// The provider tests' own stream namespace: the production namespace has a production subscriber
/// (the user inbox grain), which these tests must not depend on.
/// </summary>
public static class TestStreams
{
    public const string Namespace = "sente-test-in";

    public static StreamId For(string uid) => StreamId.Create(Namespace, uid);
}

/// <summary>Test-only implicit subscriber of the test namespace; records each event's seq.</summary>
public interface IRecordingSubscriberGrain : IGrainWithStringKey
{
}

/// <summary>Produces inbound events from inside a silo (the co-hosted case).</summary>
public interface ITestProducerGrain : IGrainWithGuidKey
{
    /// <summary>Sends events <c>0..count-1</c> to each uid's inbound stream, interleaving the uids.</summary>
    Task Produce(string[] uids, int count);
}

[ImplicitStreamSubscription(TestStreams.Namespace)]
public sealed class RecordingSubscriberGrain : Grain, IRecordingSubscriberGrain, IStreamSubscriptionObserver, IAsyncObserver<InboundEvent>
{
    public Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        handleFactory.Create<InboundEvent>().ResumeAsync(this);

    public Task OnNextAsync(InboundEvent item, StreamSequenceToken? token = null)
    {
        InboundEventRecorder.Record(item.Uid, int.Parse(item.Event.DataJson!, System.Globalization.CultureInfo.InvariantCulture));
        return Task.CompletedTask;
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex) => Task.CompletedTask;
}

public sealed class TestProducerGrain : Grain, ITestProducerGrain
{
    public async Task Produce(string[] uids, int count)
    {
        var provider = this.GetStreamProvider(SenteStreams.ProviderName);
        var streams = uids.Select(uid => provider.GetStream<InboundEvent>(TestStreams.For(uid))).ToArray();
        for (var seq = 0; seq < count; seq++)
        {
            for (var i = 0; i < uids.Length; i++)
            {
                await streams[i].OnNextAsync(TestEvents.Create(uids[i], seq));
            }
        }
    }
}

internal static class TestEvents
{
    public static InboundEvent Create(string uid, int seq) =>
        new(uid, "test-client", null, new SenteEvent("test/seq", seq.ToString(System.Globalization.CultureInfo.InvariantCulture)), null, null, TransportKind.WebSocket);
}
