using System.Text;
using System.Text.Json;

namespace Sente.Contracts.Tests;

/// <summary>Semantic JSON comparison: parse both sides, compare values, not text.</summary>
internal static class JsonAssert
{
    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    public static JsonElement Parse(byte[] utf8)
    {
        using var document = JsonDocument.Parse(utf8);
        return document.RootElement.Clone();
    }

    public static void Equal(JsonElement expected, JsonElement actual)
    {
        if (!JsonElement.DeepEquals(expected, actual))
        {
            Assert.Fail($"JSON differs.{Environment.NewLine}Expected: {expected.GetRawText()}{Environment.NewLine}Actual:   {actual.GetRawText()}");
        }
    }

    public static void Equal(JsonElement expected, byte[] actualUtf8) => Equal(expected, Parse(actualUtf8));

    public static void Equal(string expectedJson, byte[] actualUtf8) => Equal(Parse(expectedJson), Parse(actualUtf8));

    public static void Equal(string expectedJson, string actualJson) => Equal(Parse(expectedJson), Parse(actualJson));

    public static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);
}
