using System.Text.Json;

namespace Sente.Protocol;

/// <summary>
/// A parsed message of either direction: <c>[payload, cb]</c> or <c>[payload, cb, meta]</c>.
/// </summary>
/// <param name="Payload">The payload: an event, a batch of events, a reply value or a control keyword.</param>
/// <param name="Callback">The callback id, or <see langword="null"/>.</param>
/// <param name="Meta">The extension object, or <see langword="null"/> when absent.</param>
public sealed record Envelope(JsonElement Payload, string? Callback, JsonElement? Meta)
{
    /// <summary>Reads <c>meta[key]</c> as a 64-bit integer.</summary>
    /// <param name="key">The meta key.</param>
    /// <returns>The value, or <see langword="null"/> when absent or not an integer.</returns>
    public long? GetMetaInt64(string key) =>
        Meta is { } m && m.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var n) ? n : null;

    /// <summary>Reads <c>meta[key]</c> as a boolean.</summary>
    /// <param name="key">The meta key.</param>
    /// <returns>The value, or <see langword="null"/> when absent or not a boolean.</returns>
    public bool? GetMetaBoolean(string key) =>
        Meta is { } m && m.TryGetProperty(key, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
}
