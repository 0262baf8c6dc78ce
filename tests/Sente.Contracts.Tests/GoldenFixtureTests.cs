using System.Text.Json;
using Sente.Protocol;

namespace Sente.Contracts.Tests;

/// <summary>
/// <see cref="EnvelopeWriter"/> and <see cref="EnvelopeParser"/> against the shared golden fixtures
/// (tests/fixtures/protocol, format in its README.md), which the TypeScript tests read too.
/// </summary>
[Trait("Category", "Unit")]
public sealed class GoldenFixtureTests
{
    public static TheoryData<string, string> WriterCases() => ProtocolFixtures.Cases(ProtocolFixtures.WriterFiles);

    public static TheoryData<string, string> BadEventCases() => ProtocolFixtures.Cases("bad-event.json");

    [Theory]
    [MemberData(nameof(WriterCases))]
    public void EnvelopeWriter_FixtureArgs_WritesFixtureMessage(string file, string name)
    {
        var writer = ProtocolFixtures.LoadFile(file).GetProperty("writer").GetString();
        var fixture = ProtocolFixtures.LoadCase(file, name);
        var args = fixture.GetProperty("args");

        var actual = Write(writer!, args);

        JsonAssert.Equal(fixture.GetProperty("message"), actual);
    }

    [Theory]
    [MemberData(nameof(WriterCases))]
    public void EnvelopeParser_FixtureMessage_ParsesToSameParts(string file, string name)
    {
        var message = ProtocolFixtures.LoadCase(file, name).GetProperty("message");

        var error = EnvelopeParser.TryParse(message.GetRawText(), out var envelope);

        Assert.Equal(EnvelopeError.None, error);
        JsonAssert.Equal(message[0], envelope!.Payload);
        Assert.Equal(message[1].ValueKind == JsonValueKind.Null ? null : message[1].GetString(), envelope.Callback);
        if (message.GetArrayLength() == 3)
        {
            JsonAssert.Equal(message[2], envelope.Meta!.Value);
        }
        else
        {
            Assert.Null(envelope.Meta);
        }
    }

    [Theory]
    [MemberData(nameof(WriterCases))]
    public void EnvelopeParser_WriterOutput_RoundTrips(string file, string name)
    {
        var writer = ProtocolFixtures.LoadFile(file).GetProperty("writer").GetString();
        var bytes = Write(writer!, ProtocolFixtures.LoadCase(file, name).GetProperty("args"));

        Assert.Equal(EnvelopeError.None, EnvelopeParser.TryParse(bytes, out _));
    }

    [Theory]
    [InlineData("client-event.json")]
    [InlineData("client-request.json")]
    [InlineData("client-ping.json")]
    [InlineData("client-pong.json")]
    [InlineData("client-ack.json")]
    public void Validate_ClientFixturePayload_IsValidEvent(string file)
    {
        foreach (var c in ProtocolFixtures.LoadFile(file).GetProperty("cases").EnumerateArray())
        {
            var payload = c.GetProperty("message")[0];
            Assert.Equal(EventError.None, EventValidator.Validate(payload));
            var id = payload[0].GetString()!;
            Assert.True(!SenteEventIds.IsReserved(id) || SenteEventIds.IsClientAllowedReserved(id), $"{file}: a client may not send {id}");
        }
    }

    [Fact]
    public void Validate_BatchFixtureEvents_AreValidAndNotReserved()
    {
        foreach (var c in ProtocolFixtures.LoadFile("batch.json").GetProperty("cases").EnumerateArray())
        {
            foreach (var evt in c.GetProperty("message")[0].EnumerateArray())
            {
                Assert.Equal(EventError.None, EventValidator.Validate(evt));
                Assert.False(SenteEventIds.IsReserved(evt[0].GetString()!));
            }
        }
    }

    [Fact]
    public void Handshake_NewClientFixture_StartsAtSeqZeroWithoutResumed()
    {
        var message = ProtocolFixtures.LoadCase("handshake.json", "new-client").GetProperty("message");
        EnvelopeParser.TryParse(message.GetRawText(), out var envelope);

        Assert.Equal(0, envelope!.GetMetaInt64(ProtocolConstants.MetaSeq));
        Assert.Equal(ProtocolConstants.Version, envelope.GetMetaInt64(ProtocolConstants.MetaVersion));
        Assert.Null(envelope.GetMetaBoolean(ProtocolConstants.MetaResumed));
        Assert.Equal(SenteEventIds.Handshake, envelope.Payload[0].GetString());
        Assert.Equal(3, envelope.Payload[1].GetArrayLength());
    }

    [Fact]
    public void Handshake_ResumedFixture_CarriesResumedTrue()
    {
        var message = ProtocolFixtures.LoadCase("handshake.json", "resumed").GetProperty("message");
        EnvelopeParser.TryParse(message.GetRawText(), out var envelope);

        Assert.True(envelope!.GetMetaBoolean(ProtocolConstants.MetaResumed));
        Assert.Equal(17, envelope.GetMetaInt64(ProtocolConstants.MetaSeq));
    }

    [Fact]
    public void ControlFixtures_UseProtocolConstants()
    {
        JsonAssert.Equal(ProtocolFixtures.LoadCase("ping.json", "server-ping").GetProperty("message"), EnvelopeWriter.Control(SenteEventIds.WsPing));
        JsonAssert.Equal(ProtocolFixtures.LoadCase("timeout.json", "timeout").GetProperty("message"), EnvelopeWriter.Control(SenteEventIds.Timeout));
        JsonAssert.Equal(ProtocolFixtures.LoadCase("dummy-cb-200.json", "dummy-cb-200").GetProperty("message"), EnvelopeWriter.Control(SenteEventIds.DummyCallback200));
        JsonAssert.Equal(ProtocolFixtures.LoadCase("pong.json", "pong").GetProperty("message"), EnvelopeWriter.ReservedReply(ProtocolConstants.Pong, "p1"));
        JsonAssert.Equal(ProtocolFixtures.LoadCase("callback-reply.json", "reserved-error").GetProperty("message"), EnvelopeWriter.ReservedReply(CallbackReplies.Error, "k3x9qa"));
        JsonAssert.Equal(ProtocolFixtures.LoadCase("client-ping.json", "client-ping").GetProperty("message"), EnvelopeWriter.ClientEvent(new SenteEvent(SenteEventIds.WsPing), "p1"));
        JsonAssert.Equal(ProtocolFixtures.LoadCase("client-pong.json", "client-pong").GetProperty("message"), EnvelopeWriter.ClientEvent(new SenteEvent(SenteEventIds.WsPong), null));
        JsonAssert.Equal(ProtocolFixtures.LoadCase("client-request.json", "ajax").GetProperty("message")[1], JsonAssert.Parse($"\"{ProtocolConstants.AjaxCallback}\""));
    }

    [Theory]
    [MemberData(nameof(BadEventCases))]
    public void AsEvent_BadEventFixture_MatchesFixture(string file, string name)
    {
        var fixture = ProtocolFixtures.LoadCase(file, name);
        var message = fixture.GetProperty("message");
        var expectedError = fixture.GetProperty("error");

        Assert.Equal(EnvelopeError.None, EnvelopeParser.TryParse(message.GetRawText(), out var envelope));
        var error = EventValidator.Validate(envelope!.Payload);
        var evt = ServerSideEvent(envelope.Payload);

        Assert.Equal(expectedError.ValueKind == JsonValueKind.Null ? "none" : expectedError.GetString(), EnvelopeParserTests.KebabCase(error));
        Assert.Equal(SenteEventIds.BadEvent, evt.Id);
        JsonAssert.Equal(fixture.GetProperty("event"), JsonAssert.Parse(evt.ToString()));
    }

    /// <summary>
    /// What a server hands to the application for a client payload (protocol sections 1 and 8):
    /// <c>as-event</c>, plus reserved <c>chsk/*</c> ids a client may not send become bad events too.
    /// </summary>
    private static SenteEvent ServerSideEvent(JsonElement payload)
    {
        var evt = EventValidator.AsEvent(payload);
        return evt.Id != SenteEventIds.BadEvent && SenteEventIds.IsReserved(evt.Id) && !SenteEventIds.IsClientAllowedReserved(evt.Id)
            ? new SenteEvent(SenteEventIds.BadEvent, payload.GetRawText())
            : evt;
    }

    private static byte[] Write(string writer, JsonElement args) => writer switch
    {
        "handshake" => EnvelopeWriter.Handshake(
            args.GetProperty("uid").GetString()!,
            RawOrNull(args.GetProperty("handshake-data")),
            args.GetProperty("seq").GetInt64(),
            args.TryGetProperty("resumed", out var resumed) ? resumed.GetBoolean() : null,
            args.TryGetProperty("kalive-ms", out var kalive) ? kalive.GetInt64() : null,
            args.TryGetProperty("lp-timeout-ms", out var lp) ? lp.GetInt64() : null),
        "batch" => EnvelopeWriter.Batch(
            args.GetProperty("first-seq").GetInt64(),
            [.. args.GetProperty("events").EnumerateArray().Select(ToEvent)]),
        "reply" => WriteReply(args),
        "control" => EnvelopeWriter.Control(args.GetProperty("keyword").GetString()!),
        "client-event" => EnvelopeWriter.ClientEvent(ToEvent(args.GetProperty("event")), StringOrNull(args.GetProperty("cb"))),
        "ack" => EnvelopeWriter.Ack(args.GetProperty("seq").GetInt64()),
        _ => throw new InvalidOperationException($"Unknown fixture writer '{writer}'."),
    };

    private static byte[] WriteReply(JsonElement args)
    {
        var reply = args.GetProperty("reply");
        var cb = StringOrNull(args.GetProperty("cb"));
        var bytes = EnvelopeWriter.Reply(reply.GetRawText(), cb);
        if (reply.ValueKind == JsonValueKind.String)
        {
            // Reserved string replies ("pong", "chsk/error") have their own writer; both must agree.
            JsonAssert.Equal(JsonAssert.Parse(bytes), EnvelopeWriter.ReservedReply(reply.GetString()!, cb));
        }

        return bytes;
    }

    private static SenteEvent ToEvent(JsonElement element)
    {
        Assert.Equal(EventError.None, EventValidator.TryCreate(element, out var evt));
        return evt!;
    }

    private static string? RawOrNull(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetRawText();

    private static string? StringOrNull(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetString();
}
