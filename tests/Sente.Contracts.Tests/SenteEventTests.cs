using System.Text.Json;
using Sente.Protocol;

namespace Sente.Contracts.Tests;

[Trait("Category", "Unit")]
public sealed class SenteEventTests
{
    [Theory]
    [InlineData("ab")]
    [InlineData("")]
    [InlineData("/b")]
    [InlineData("a/")]
    [InlineData("a b/c")]
    [InlineData("a/b c")]
    [InlineData("a/b\n")]
    public void Ctor_InvalidId_ThrowsArgumentException(string id)
    {
        var ex = Assert.Throws<ArgumentException>(() => new SenteEvent(id, "1"));
        Assert.Equal("id", ex.ParamName);
    }

    [Fact]
    public void Ctor_NullId_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new SenteEvent(null!));
    }

    [Fact]
    public void Ctor_InvalidIdWithElementData_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => new SenteEvent("ab", JsonAssert.Parse("1")));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a/b/c")]
    [InlineData("чат/сообщение")]
    [InlineData("chsk/bad-event")]
    public void Ctor_ValidId_KeepsId(string id)
    {
        Assert.Equal(id, new SenteEvent(id).Id);
    }

    [Fact]
    public void Ctor_UndefinedElementData_HasNoData()
    {
        var evt = new SenteEvent("a/b", default(JsonElement));

        Assert.Null(evt.DataJson);
        Assert.Equal("""["a/b"]""", evt.ToString());
    }

    [Fact]
    public void Create_Object_SerialisesWithWebDefaults()
    {
        var evt = SenteEvent.Create("app/a", new { Count = 2, Name = "x" });

        JsonAssert.Equal("""{"count":2,"name":"x"}""", evt.DataJson!);
        Assert.Equal(2, evt.DataAs<JsonElement>().GetProperty("count").GetInt32());
    }

    [Fact]
    public void ToString_EventWithData_IsValidEventJson()
    {
        var evt = new SenteEvent("app/a", """{"quote":"\"<&>"}""");

        var parsed = JsonAssert.Parse(evt.ToString());

        var roundTripped = EventValidator.AsEvent(parsed);
        Assert.Equal(EventError.None, EventValidator.Validate(parsed));
        Assert.Equal(evt.Id, roundTripped.Id);
        JsonAssert.Equal(evt.DataJson!, roundTripped.DataJson!);
    }

    [Fact]
    public void Equals_SameIdAndData_AreEqual()
    {
        Assert.Equal(new SenteEvent("a/b", "1"), new SenteEvent("a/b", "1"));
        Assert.Equal(new SenteEvent("a/b", "1").GetHashCode(), new SenteEvent("a/b", "1").GetHashCode());
        Assert.NotEqual(new SenteEvent("a/b", "1"), new SenteEvent("a/b", "2"));
        Assert.NotEqual(new SenteEvent("a/b"), new SenteEvent("a/b", "null"));
    }
}
