namespace Sente.Contracts.Tests;

/// <summary>The golden tests are only as good as the comparison they rely on.</summary>
[Trait("Category", "Unit")]
public sealed class JsonAssertTests
{
    [Theory]
    [InlineData("""{"a":1,"b":[1,2]}""", """{ "b": [1, 2], "a": 1 }""")]
    [InlineData("1", "1.0")]
    [InlineData("100", "1e2")]
    [InlineData("\"é\"", "\"\\u00e9\"")]
    [InlineData("\"a/\\ud800\"", "\"a/\\uD800\"")]
    [InlineData("1e400", "1E400")]
    public void DeepEquals_SameValueDifferentText_ReturnsTrue(string a, string b)
    {
        Assert.True(JsonAssert.DeepEquals(JsonAssert.Parse(a), JsonAssert.Parse(b)));
    }

    [Theory]
    [InlineData("[1,2]", "[2,1]")]
    [InlineData("""{"a":1}""", """{"a":1,"b":2}""")]
    [InlineData("""{"a":1,"b":2}""", """{"a":1}""")]
    [InlineData("""{"a":null}""", "{}")]
    [InlineData("null", "false")]
    [InlineData("\"1\"", "1")]
    [InlineData("\"a\"", "\"A\"")]
    [InlineData("\"a/\\ud800\"", "\"a/\\ud801\"")]
    [InlineData("[[]]", "[[null]]")]
    public void DeepEquals_DifferentValues_ReturnsFalse(string a, string b)
    {
        Assert.False(JsonAssert.DeepEquals(JsonAssert.Parse(a), JsonAssert.Parse(b)));
    }
}
