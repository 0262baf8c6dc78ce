using System.Text.Json;
using Sente.Protocol;

namespace Sente.Contracts.Tests;

/// <summary>Port of Sente's <c>validate-event</c> / <c>as-event</c> cases to JSON.</summary>
[Trait("Category", "Unit")]
public sealed class EventValidatorTests
{
    [Theory]
    // Sente's good cases: [:a/b] and [:a/b 1].
    [InlineData("""["a/b"]""")]
    [InlineData("""["a/b",1]""")]
    // The name may contain slashes: ^[^/\s]+/\S+$.
    [InlineData("""["a/b/c"]""")]
    [InlineData("""["a//"]""")]
    [InlineData("""["chsk/ws-ping"]""")]
    [InlineData("""["app.core/do-thing!",{"x":[1,2,3]}]""")]
    [InlineData("""["a/b",null]""")]
    [InlineData("""["a/b",[]]""")]
    [InlineData("""["a/b",{}]""")]
    [InlineData("""["a/b",false]""")]
    [InlineData("""["a/b","text"]""")]
    // Unicode letters are neither slash nor whitespace.
    [InlineData("""["чат/сообщение","日本語"]""")]
    [InlineData("""["ns/😀"]""")]
    [InlineData("""["\u00e9/\u00e8"]""")]
    public void Validate_ValidEvent_ReturnsNone(string json)
    {
        Assert.Equal(EventError.None, EventValidator.Validate(JsonAssert.Parse(json)));
    }

    [Theory]
    // Sente: {:wrong-type …} for "x".
    [InlineData("\"x\"", EventError.WrongType)]
    [InlineData("42", EventError.WrongType)]
    [InlineData("null", EventError.WrongType)]
    [InlineData("true", EventError.WrongType)]
    [InlineData("""{"id":"a/b"}""", EventError.WrongType)]
    // Sente: {:wrong-length …} for [] and [:a/b 1 2].
    [InlineData("[]", EventError.WrongLength)]
    [InlineData("""["a/b",1,2]""", EventError.WrongLength)]
    // Sente: {:wrong-id-type …} for ["a" 1] (a string id); JSON ids are strings, so a non-string id.
    [InlineData("[1,2]", EventError.WrongIdType)]
    [InlineData("[null]", EventError.WrongIdType)]
    [InlineData("""[["a/b"]]""", EventError.WrongIdType)]
    [InlineData("""[{"a":"b"},1]""", EventError.WrongIdType)]
    // Sente: {:unnamespaced-id …} for [:ab 1].
    [InlineData("""["ab",1]""", EventError.UnnamespacedId)]
    [InlineData("""[""]""", EventError.UnnamespacedId)]
    [InlineData("""["/"]""", EventError.UnnamespacedId)]
    [InlineData("""["/b"]""", EventError.UnnamespacedId)]
    [InlineData("""["a/"]""", EventError.UnnamespacedId)]
    [InlineData("""[" a/b"]""", EventError.UnnamespacedId)]
    [InlineData("""["a /b"]""", EventError.UnnamespacedId)]
    [InlineData("""["a/ b"]""", EventError.UnnamespacedId)]
    [InlineData("""["a/b "]""", EventError.UnnamespacedId)]
    [InlineData("""["a/b\tc"]""", EventError.UnnamespacedId)]
    [InlineData("""["a/b\n"]""", EventError.UnnamespacedId)]
    [InlineData("""["a\r/b"]""", EventError.UnnamespacedId)]
    [InlineData("""["a/b\u00a0c"]""", EventError.UnnamespacedId)]
    [InlineData("""["a/b\u2028"]""", EventError.UnnamespacedId)]
    [InlineData("""["a/b\u3000c"]""", EventError.UnnamespacedId)]
    public void Validate_InvalidEvent_ReturnsError(string json, EventError expected)
    {
        Assert.Equal(expected, EventValidator.Validate(JsonAssert.Parse(json)));
    }

    [Theory]
    [InlineData("""["a/\ud800"]""")]
    [InlineData("""["\udc00/b", 1]""")]
    public void Validate_UnpairedSurrogateEscapeInId_ReturnsUnnamespacedId(string json)
    {
        // Valid JSON text, but not a string .NET can read: GetString throws. The validator must not.
        Assert.Equal(EventError.UnnamespacedId, EventValidator.Validate(JsonAssert.Parse(json)));
    }

    [Fact]
    public void AsEvent_UnpairedSurrogateEscapeInId_WrapsPayloadAsBadEvent()
    {
        const string json = """["a/\ud800",1]""";

        var evt = EventValidator.AsEvent(JsonAssert.Parse(json));

        Assert.Equal(SenteEventIds.BadEvent, evt.Id);
        Assert.Equal(json, evt.DataJson);
    }

    [Fact]
    public void Validate_UndefinedElement_ReturnsWrongType()
    {
        Assert.Equal(EventError.WrongType, EventValidator.Validate(default));
    }

    [Theory]
    [InlineData("a/b", true)]
    [InlineData("a/b/c", true)]
    [InlineData("x/y-z?!", true)]
    [InlineData("ab", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("/b", false)]
    [InlineData("a/", false)]
    [InlineData("a b/c", false)]
    [InlineData("a/b c", false)]
    public void IsValidId_Candidate_MatchesNamespacedPattern(string? id, bool expected)
    {
        Assert.Equal(expected, EventValidator.IsValidId(id));
    }

    [Fact]
    public void TryCreate_EventWithData_KeepsIdAndRawData()
    {
        var error = EventValidator.TryCreate(JsonAssert.Parse("""["app/a", {"x": 1}]"""), out var evt);

        Assert.Equal(EventError.None, error);
        Assert.NotNull(evt);
        Assert.Equal("app/a", evt.Id);
        JsonAssert.Equal("""{"x":1}""", evt.DataJson!);
    }

    [Fact]
    public void TryCreate_EventWithoutData_HasNullData()
    {
        var error = EventValidator.TryCreate(JsonAssert.Parse("""["app/a"]"""), out var evt);

        Assert.Equal(EventError.None, error);
        Assert.Null(evt!.DataJson);
        Assert.Null(evt.Data);
    }

    [Fact]
    public void TryCreate_EventWithNullData_KeepsExplicitNull()
    {
        EventValidator.TryCreate(JsonAssert.Parse("""["app/a", null]"""), out var evt);

        Assert.Equal("null", evt!.DataJson);
        Assert.Equal("""["app/a",null]""", evt.ToString());
    }

    [Fact]
    public void TryCreate_InvalidEvent_ReturnsErrorAndNullEvent()
    {
        var error = EventValidator.TryCreate(JsonAssert.Parse("""["ab", 1]"""), out var evt);

        Assert.Equal(EventError.UnnamespacedId, error);
        Assert.Null(evt);
    }

    [Fact]
    public void AsEvent_ValidEvent_ReturnsEventItself()
    {
        var evt = EventValidator.AsEvent(JsonAssert.Parse("""["app/a", [1, 2]]"""));

        // The data keeps its raw text, spacing included.
        Assert.Equal(new SenteEvent("app/a", "[1, 2]"), evt);
    }

    [Theory]
    [InlineData("\"x\"")]
    [InlineData("[]")]
    [InlineData("""["a/b",1,2]""")]
    [InlineData("[1,2]")]
    [InlineData("""["ab",1]""")]
    [InlineData("""["/b"]""")]
    [InlineData("null")]
    [InlineData("""{"id":"a/b"}""")]
    public void AsEvent_InvalidEvent_WrapsPayloadAsBadEvent(string json)
    {
        var evt = EventValidator.AsEvent(JsonAssert.Parse(json));

        Assert.Equal(SenteEventIds.BadEvent, evt.Id);
        JsonAssert.Equal(json, evt.DataJson!);
        Assert.Equal(EventError.None, EventValidator.Validate(JsonAssert.Parse(evt.ToString())));
    }

    [Fact]
    public void AsEvent_HugeNumberData_KeepsRawJson()
    {
        const string huge = "123456789012345678901234567890123456789";
        var evt = EventValidator.AsEvent(JsonAssert.Parse($"""["app/big", {huge}]"""));

        Assert.Equal(huge, evt.DataJson);
    }

    [Fact]
    public void AsEvent_InvalidEventWithHugeNumber_KeepsRawJson()
    {
        const string json = "[1e400, 0.1000000000000000000000000000001]";
        var evt = EventValidator.AsEvent(JsonAssert.Parse(json));

        Assert.Equal(SenteEventIds.BadEvent, evt.Id);
        Assert.Equal(json, evt.DataJson);
    }
}
