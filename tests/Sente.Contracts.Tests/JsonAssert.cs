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
        if (!DeepEquals(expected, actual))
        {
            Assert.Fail($"JSON differs.{Environment.NewLine}Expected: {expected.GetRawText()}{Environment.NewLine}Actual:   {actual.GetRawText()}");
        }
    }

    /// <summary>
    /// Like <see cref="JsonElement.DeepEquals"/> (which throws on unpaired surrogate escapes such as
    /// <c>"\ud800"</c>): objects ignore key order, arrays keep it, numbers compare by value.
    /// </summary>
    public static bool DeepEquals(JsonElement a, JsonElement b)
    {
        if (a.ValueKind != b.ValueKind)
        {
            return false;
        }

        switch (a.ValueKind)
        {
            case JsonValueKind.Object:
                var left = a.EnumerateObject().ToList();
                var right = b.EnumerateObject().ToList();
                return left.Count == right.Count
                    && left.All(p => right.Any(q => StringEquals(p.Name, q.Name) && DeepEquals(p.Value, q.Value)));
            case JsonValueKind.Array:
                return a.GetArrayLength() == b.GetArrayLength()
                    && a.EnumerateArray().Zip(b.EnumerateArray()).All(pair => DeepEquals(pair.First, pair.Second));
            case JsonValueKind.Number:
                return a.TryGetDecimal(out var x) && b.TryGetDecimal(out var y)
                    ? x == y
                    : string.Equals(a.GetRawText(), b.GetRawText(), StringComparison.OrdinalIgnoreCase);
            case JsonValueKind.String:
                return TryGetString(a, out var sa) && TryGetString(b, out var sb)
                    ? sa == sb
                    : string.Equals(a.GetRawText(), b.GetRawText(), StringComparison.OrdinalIgnoreCase);
            default:
                return true;
        }
    }

    private static bool StringEquals(string a, string b) => string.Equals(a, b, StringComparison.Ordinal);

    private static bool TryGetString(JsonElement element, out string? value)
    {
        try
        {
            value = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    public static void Equal(JsonElement expected, byte[] actualUtf8) => Equal(expected, Parse(actualUtf8));

    public static void Equal(string expectedJson, byte[] actualUtf8) => Equal(Parse(expectedJson), Parse(actualUtf8));

    public static void Equal(string expectedJson, string actualJson) => Equal(Parse(expectedJson), Parse(actualJson));

    public static string Text(byte[] utf8) => Encoding.UTF8.GetString(utf8);
}
