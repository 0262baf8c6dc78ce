using System.Text;
using System.Text.Json;
using Sente.Protocol;

namespace Sente.Contracts.Tests;

[Trait("Category", "Unit")]
public sealed class EnvelopeParserTests
{
    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("hello")]
    [InlineData("[[\"a/b\"], nul")]
    [InlineData("[[\"a/b\"], null] x")]
    [InlineData("[[\"a/b\"], null][]")]
    [InlineData("[['a/b'], null]")]
    [InlineData("[[\"a/b\"], null,]")]
    [InlineData("[[\"a/b\"], null] // comment")]
    [InlineData("[[\"a/b\"], NaN]")]
    public void TryParse_InvalidJson_ReturnsInvalidJson(string text)
    {
        Assert.Equal(EnvelopeError.InvalidJson, EnvelopeParser.TryParse(text, out var envelope));
        Assert.Null(envelope);
    }

    [Fact]
    public void TryParse_InvalidUtf8OutsideStrings_ReturnsInvalidJson()
    {
        byte[] bytes = [.. "[[\"a/b\"], null]"u8, 0xFF];

        Assert.Equal(EnvelopeError.InvalidJson, EnvelopeParser.TryParse(bytes, out var envelope));
        Assert.Null(envelope);
    }

    public static TheoryData<byte[]> InvalidUtf8InsideStrings() => new()
    {
        // 0xFF never occurs in UTF-8; here inside the event id.
        { [.. "[[\"a/"u8, 0xFF, .. "\"], null]"u8] },
        // Inside the data.
        { [.. "[[\"a/b\", \""u8, 0xC3, 0x28, .. "\"], null]"u8] },
        // Inside the callback.
        { [.. "[[\"a/b\"], \"k"u8, 0xFE, .. "\"]"u8] },
        // Overlong encoding of '/'.
        { [.. "[[\"a"u8, 0xC0, 0xAF, .. "b\"], null]"u8] },
        // A UTF-16 surrogate encoded as UTF-8 (CESU-8).
        { [.. "[[\"a/b\"], null, {\"k\": \""u8, 0xED, 0xA0, 0x80, .. "\"}]"u8] },
        // Truncated multi-byte sequence.
        { [.. "[[\"a/b\", \""u8, 0xE6, 0x97, .. "\"], null]"u8] },
    };

    [Theory]
    [MemberData(nameof(InvalidUtf8InsideStrings))]
    public void TryParse_InvalidUtf8InsideStrings_ReturnsInvalidJson(byte[] bytes)
    {
        // JsonDocument accepts bad UTF-8 inside string tokens and only fails later, in GetString.
        Assert.Equal(EnvelopeError.InvalidJson, EnvelopeParser.TryParse(bytes, out var envelope));
        Assert.Null(envelope);
    }

    [Theory]
    [InlineData("""[["a/b"], "\ud800"]""")]
    [InlineData("""[["a/b"], "k\udc00"]""")]
    public void TryParse_UnpairedSurrogateEscapeInCallback_ReturnsInvalidCallback(string text)
    {
        Assert.Equal(EnvelopeError.InvalidCallback, EnvelopeParser.TryParse(text, out var envelope));
        Assert.Null(envelope);
    }

    [Fact]
    public void TryParse_PairedSurrogateEscapeInCallback_ReturnsCallback()
    {
        Assert.Equal(EnvelopeError.None, EnvelopeParser.TryParse("""[["a/b"], "\ud83d\ude00"]""", out var envelope));
        Assert.Equal("😀", envelope!.Callback);
    }

    [Fact]
    public void TryParse_Utf8ByteOrderMark_ReturnsInvalidJson()
    {
        // RFC 8259 section 8.1: senders must not add a BOM; parsers may reject it, and this one does.
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. "[[\"a/b\"], null]"u8];

        Assert.Equal(EnvelopeError.InvalidJson, EnvelopeParser.TryParse(bytes, out _));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(32)]
    [InlineData(EnvelopeParser.MaxDepth)]
    public void TryParse_NestingUpToMaxDepth_ReturnsNone(int depth)
    {
        Assert.Equal(EnvelopeError.None, EnvelopeParser.TryParse(NestedEnvelope(depth), out var envelope));
        Assert.NotNull(envelope);
    }

    [Theory]
    [InlineData(EnvelopeParser.MaxDepth + 1)]
    [InlineData(1000)]
    [InlineData(100_000)]
    public void TryParse_NestingDeeperThanMaxDepth_ReturnsInvalidJson(int depth)
    {
        Assert.Equal(EnvelopeError.InvalidJson, EnvelopeParser.TryParse(NestedEnvelope(depth), out var envelope));
        Assert.Null(envelope);
    }

    [Theory]
    [InlineData("{\"payload\": [\"a/b\"], \"cb\": null}")]
    [InlineData("\"a/b\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("true")]
    public void TryParse_NotAnArray_ReturnsNotAnEnvelope(string text)
    {
        Assert.Equal(EnvelopeError.NotAnEnvelope, EnvelopeParser.TryParse(text, out var envelope));
        Assert.Null(envelope);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("[[\"a/b\"]]")]
    [InlineData("[null]")]
    [InlineData("[[\"a/b\"], null, {}, null]")]
    [InlineData("[[\"a/b\"], null, {}, {}, {}]")]
    public void TryParse_WrongLength_ReturnsNotAnEnvelope(string text)
    {
        Assert.Equal(EnvelopeError.NotAnEnvelope, EnvelopeParser.TryParse(text, out var envelope));
        Assert.Null(envelope);
    }

    [Theory]
    [InlineData("[[\"a/b\"], 7]")]
    [InlineData("[[\"a/b\"], 0]")]
    [InlineData("[[\"a/b\"], true]")]
    [InlineData("[[\"a/b\"], false]")]
    [InlineData("[[\"a/b\"], []]")]
    [InlineData("[[\"a/b\"], {\"cb\": \"k3x9qa\"}]")]
    [InlineData("[[\"a/b\"], \"\"]")]
    [InlineData("[[\"a/b\"], \"1234567890123456789012345678901234567\"]")]
    public void TryParse_InvalidCallback_ReturnsInvalidCallback(string text)
    {
        Assert.Equal(EnvelopeError.InvalidCallback, EnvelopeParser.TryParse(text, out var envelope));
        Assert.Null(envelope);
    }

    [Theory]
    [InlineData("[[\"a/b\"], null, null]")]
    [InlineData("[[\"a/b\"], null, []]")]
    [InlineData("[[\"a/b\"], null, 1]")]
    [InlineData("[[\"a/b\"], null, \"seq\"]")]
    [InlineData("[[\"a/b\"], \"k3x9qa\", false]")]
    public void TryParse_MetaNotAnObject_ReturnsInvalidMeta(string text)
    {
        Assert.Equal(EnvelopeError.InvalidMeta, EnvelopeParser.TryParse(text, out var envelope));
        Assert.Null(envelope);
    }

    [Fact]
    public void TryParse_TwoElementsWithoutCallback_ReturnsEnvelope()
    {
        Assert.Equal(EnvelopeError.None, EnvelopeParser.TryParse("""[["app/evt", {"n": 1}], null]""", out var envelope));

        JsonAssert.Equal(JsonAssert.Parse("""["app/evt", {"n": 1}]"""), envelope!.Payload);
        Assert.Null(envelope.Callback);
        Assert.Null(envelope.Meta);
    }

    [Theory]
    [InlineData("k")]
    [InlineData("k3x9qa")]
    [InlineData("ajax")]
    [InlineData("123456789012345678901234567890123456")]
    public void TryParse_TwoElementsWithCallback_ReturnsCallback(string cb)
    {
        Assert.Equal(EnvelopeError.None, EnvelopeParser.TryParse($"[[\"app/evt\"], \"{cb}\"]", out var envelope));

        Assert.Equal(cb, envelope!.Callback);
    }

    [Fact]
    public void TryParse_ThreeElements_ReturnsMeta()
    {
        const string text = """[[["app/a", {"x": 1}], ["app/b"]], null, {"seq": 18, "resumed": true, "future-key": [1]}]""";

        Assert.Equal(EnvelopeError.None, EnvelopeParser.TryParse(text, out var envelope));

        Assert.Equal(JsonValueKind.Object, envelope!.Meta!.Value.ValueKind);
        Assert.Equal(18, envelope.GetMetaInt64(ProtocolConstants.MetaSeq));
        Assert.True(envelope.GetMetaBoolean(ProtocolConstants.MetaResumed));
        Assert.Null(envelope.GetMetaInt64("missing"));
        Assert.Null(envelope.GetMetaBoolean(ProtocolConstants.MetaSeq));
        Assert.Null(envelope.GetMetaInt64("future-key"));
    }

    [Fact]
    public void TryParse_EmptyMeta_ReturnsEmptyObject()
    {
        Assert.Equal(EnvelopeError.None, EnvelopeParser.TryParse("""[["a/b"], "k", {}]""", out var envelope));

        Assert.Equal(JsonValueKind.Object, envelope!.Meta!.Value.ValueKind);
        Assert.Null(envelope.GetMetaInt64(ProtocolConstants.MetaSeq));
    }

    [Theory]
    [InlineData("\"pong\"")]
    [InlineData("\"chsk/ws-ping\"")]
    [InlineData("42")]
    [InlineData("null")]
    [InlineData("{\"ok\": true}")]
    public void TryParse_AnyPayload_ReturnsEnvelope(string payload)
    {
        // Payload shape is the receiver's business (replies carry any value); the parser checks only the envelope.
        Assert.Equal(EnvelopeError.None, EnvelopeParser.TryParse($"[{payload}, null]", out var envelope));

        JsonAssert.Equal(JsonAssert.Parse(payload), envelope!.Payload);
    }

    [Fact]
    public void TryParse_WhitespaceAroundEnvelope_ReturnsEnvelope()
    {
        Assert.Equal(EnvelopeError.None, EnvelopeParser.TryParse(" \r\n\t[ [\"a/b\" ] ,\n null ]\n", out _));
    }

    [Theory]
    [InlineData("123456789012345678901234567890123456789")]
    [InlineData("1e400")]
    [InlineData("-0.000000000000000000000000000000000000001")]
    [InlineData("18446744073709551616")]
    public void TryParse_HugeNumbers_StayRawJson(string number)
    {
        var text = $"[[\"app/big\", {{\"n\": {number}}}], null]";

        Assert.Equal(EnvelopeError.None, EnvelopeParser.TryParse(text, out var envelope));

        var evt = EventValidator.AsEvent(envelope!.Payload);
        Assert.Equal("app/big", evt.Id);
        Assert.Equal(number, evt.Data!.Value.GetProperty("n").GetRawText());
        Assert.Contains(number, JsonAssert.Text(EnvelopeWriter.ClientEvent(evt, null)), StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_SeqBeyondInt64_GetMetaInt64ReturnsNull()
    {
        Assert.Equal(EnvelopeError.None, EnvelopeParser.TryParse("""[[], null, {"seq": 9223372036854775808}]""", out var envelope));

        Assert.Null(envelope!.GetMetaInt64(ProtocolConstants.MetaSeq));
        Assert.Equal("9223372036854775808", envelope.Meta!.Value.GetProperty("seq").GetRawText());
    }

    [Fact]
    public void TryParse_EnvelopeOutlivesInputBuffer_PayloadStillReadable()
    {
        var bytes = Encoding.UTF8.GetBytes("""[["app/evt", {"n": 1}], "k1", {"seq": 3}]""");
        EnvelopeParser.TryParse(bytes, out var envelope);

        Array.Clear(bytes);

        Assert.Equal("app/evt", envelope!.Payload[0].GetString());
        Assert.Equal(3, envelope.GetMetaInt64(ProtocolConstants.MetaSeq));
    }

    [Theory]
    [MemberData(nameof(InvalidEnvelopeCases))]
    public void TryParse_InvalidEnvelopeFixture_ReturnsFixtureError(string file, string name)
    {
        var fixture = ProtocolFixtures.LoadCase(file, name);
        var text = fixture.GetProperty("text").GetString()!;
        var expected = fixture.GetProperty("error").GetString();

        var actual = EnvelopeParser.TryParse(text, out var envelope);

        Assert.Equal(expected, KebabCase(actual));
        Assert.Null(envelope);
    }

    public static TheoryData<string, string> InvalidEnvelopeCases() => ProtocolFixtures.Cases("invalid-envelope.json");

    internal static string KebabCase<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }

    private static string NestedEnvelope(int depth) =>
        // The envelope array itself is one level: [ <depth-1 nested arrays>, null ].
        "[" + (depth == 1 ? "0" : new string('[', depth - 1) + new string(']', depth - 1)) + ", null]";
}
