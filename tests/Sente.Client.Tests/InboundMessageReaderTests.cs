using Sente.Client.Internal;
using Sente.Protocol;

namespace Sente.Client.Tests;

[Trait("Category", "Unit")]
public sealed class InboundMessageReaderTests
{
    private static InboundMessage Read(string json) => InboundMessageReader.Read(System.Text.Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Handshake_IsReadWithMeta()
    {
        var message = Read("""[["chsk/handshake", ["alice", null, {"any": "data"}]], null, {"v": 1, "seq": 17, "resumed": true, "kalive-ms": 12500, "lp-timeout-ms": 20000}]""");

        var handshake = Assert.IsType<HandshakeMessage>(message);
        Assert.Equal("alice", handshake.Uid);
        Assert.Equal("data", handshake.Data!.Value.GetProperty("any").GetString());
        Assert.Equal(17, handshake.Seq);
        Assert.True(handshake.Resumed);
        Assert.Equal(12500, handshake.KaliveMs);
    }

    [Fact]
    public void Handshake_FromEnvelopeWriter_RoundTrips()
    {
        var message = InboundMessageReader.Read(EnvelopeWriter.Handshake(ProtocolConstants.NilUid, null, 0, null, null, null));

        var handshake = Assert.IsType<HandshakeMessage>(message);
        Assert.Equal(ProtocolConstants.NilUid, handshake.Uid);
        Assert.Null(handshake.Data);
        Assert.Null(handshake.Resumed);
    }

    [Theory]
    [InlineData("""[["chsk/handshake", ["alice", null, null]], null]""")]
    [InlineData("""[["chsk/handshake", ["alice", null]], null, {"seq": 1}]""")]
    [InlineData("""[["chsk/handshake", [42, null, null]], null, {"seq": 1}]""")]
    public void Handshake_Malformed_IsInvalid(string json) => Assert.IsType<InvalidMessage>(Read(json));

    [Fact]
    public void Batch_IsReadWithFirstSeq()
    {
        var batch = Assert.IsType<BatchMessage>(Read("""[[["app/a", {"x": 1}], ["app/b"]], null, {"seq": 18}]"""));

        Assert.Equal(18, batch.FirstSeq);
        Assert.Equal(["app/a", "app/b"], batch.Events.Select(e => e.Id));
        Assert.Equal("""{"x": 1}""", batch.Events[0].DataJson);
        Assert.Null(batch.Events[1].DataJson);
    }

    [Fact]
    public void Batch_InvalidEvent_BecomesBadEventAndKeepsItsPlace()
    {
        var batch = Assert.IsType<BatchMessage>(Read("""[[["app/a"], ["no-namespace"], ["app/c"]], null, {"seq": 5}]"""));

        Assert.Equal(["app/a", SenteEventIds.BadEvent, "app/c"], batch.Events.Select(e => e.Id));
        Assert.Equal("""["no-namespace"]""", batch.Events[1].DataJson);
    }

    [Theory]
    [InlineData("""[[["app/a"]], null]""")]
    [InlineData("""[[["app/a"]], null, {"seq": 0}]""")]
    [InlineData("""[[["app/a"]], null, {"seq": "1"}]""")]
    public void Batch_WithoutValidSeq_IsInvalid(string json) => Assert.IsType<InvalidMessage>(Read(json));

    [Fact]
    public void Reply_CarriesCallbackAndValue()
    {
        var reply = Assert.IsType<ReplyMessage>(Read("""[{"ok": true}, "k3x9qa"]"""));

        Assert.Equal("k3x9qa", reply.Callback);
        Assert.True(reply.Value.GetProperty("ok").GetBoolean());
    }

    [Fact]
    public void Pong_IsAReply() =>
        Assert.Equal("pong", Assert.IsType<ReplyMessage>(Read("""["pong", "p1"]""")).Value.GetString());

    [Fact]
    public void ServerPing_IsRecognised() => Assert.IsType<ServerPingMessage>(Read("""["chsk/ws-ping", null]"""));

    [Fact]
    public void ErrorNotice_IsANotice() =>
        Assert.Equal(SenteEventIds.Error, Assert.IsType<NoticeMessage>(Read("""[["chsk/error", {"reason": "rate"}], null]""")).Event.Id);

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"a": 1}""")]
    [InlineData("""[["app/a"], null]""")]
    [InlineData("""["chsk/timeout", null]""")]
    [InlineData("""[42, null]""")]
    public void Other_IsInvalid(string json) => Assert.IsType<InvalidMessage>(Read(json));
}
