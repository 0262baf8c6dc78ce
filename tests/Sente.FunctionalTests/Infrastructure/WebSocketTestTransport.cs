using Sente.Protocol;

namespace Sente.FunctionalTests.Infrastructure;

/// <summary>The WebSocket transport for the compliance suite (a raw socket underneath).</summary>
public sealed class WebSocketTestTransport : ITestTransport
{
    public string Name => "ws";

    public async Task<ITestTransportClient> ConnectAsync(SenteServer server, string clientId, string? cookie = null, long? lastSeq = null) =>
        new Client(await RawSenteSocket.ConnectAsync(server.Chsk(clientId, lastSeq), cookie));

    private sealed class Client(RawSenteSocket socket) : ITestTransportClient
    {
        private long _lastSeq = socket.HandshakeSeq;
        private int _nextCb;

        public Envelope Handshake => socket.Handshake;

        public Task SendAsync(string id, string? dataJson = null) => socket.SendEventAsync(id, dataJson);

        public async Task<Envelope> RequestAsync(string id, string? dataJson = null)
        {
            var cb = "cb" + Interlocked.Increment(ref _nextCb);
            await socket.SendEventAsync(id, dataJson, cb);
            var other = new List<string>();
            try
            {
                while (true)
                {
                    var text = await socket.ReceiveTextAsync();
                    Assert.Equal(EnvelopeError.None, EnvelopeParser.TryParse(text, out var envelope));
                    if (envelope!.Callback == cb)
                    {
                        return envelope with { Callback = null };
                    }

                    other.Add(text); // a push that overtook the reply: keep it for ReceiveEventsAsync
                }
            }
            finally
            {
                other.ForEach(socket.PushBack);
            }
        }

        public async Task<ReceivedEvents> ReceiveEventsAsync(int count, TimeSpan? timeout = null)
        {
            var received = await socket.ReceiveEventsAsync(count, _lastSeq, timeout);
            _lastSeq = received.LastSeq;
            await socket.SendAsync(EnvelopeWriter.Ack(_lastSeq));
            return received;
        }

        public async Task<bool> ReceivesNothingAsync(TimeSpan wait) => await socket.TryReceiveTextAsync(wait) is null;

        public void Abort() => socket.Abort();

        public ValueTask DisposeAsync() => socket.DisposeAsync();
    }
}
