using System.Text.Json;
using System.Text.Unicode;

namespace Sente.Protocol;

/// <summary>Why a message is not an envelope (PROTOCOL.md section 8: dropped and logged).</summary>
public enum EnvelopeError
{
    /// <summary>The message is an envelope.</summary>
    None = 0,

    /// <summary>The bytes are not valid UTF-8 JSON (or nest deeper than allowed).</summary>
    InvalidJson,

    /// <summary>The JSON is not an array of 2 or 3 elements.</summary>
    NotAnEnvelope,

    /// <summary>The callback is neither <c>null</c> nor a string of 1–36 characters.</summary>
    InvalidCallback,

    /// <summary>The third element is present but not an object.</summary>
    InvalidMeta,
}

/// <summary>Parses envelopes from UTF-8 JSON; never throws on bad input.</summary>
public static class EnvelopeParser
{
    /// <summary>JSON nesting allowed in a message; deeper input is rejected as invalid JSON.</summary>
    public const int MaxDepth = 64;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = MaxDepth };

    /// <summary>Parses one envelope.</summary>
    /// <param name="utf8">The message bytes.</param>
    /// <param name="envelope">The envelope when the result is <see cref="EnvelopeError.None"/>.</param>
    /// <returns>The parse result.</returns>
    public static EnvelopeError TryParse(ReadOnlyMemory<byte> utf8, out Envelope? envelope)
    {
        envelope = null;

        // JsonDocument accepts invalid UTF-8 inside string tokens and only fails later, when a
        // string is read; check the whole message first so bad bytes never reach a handler.
        if (!Utf8.IsValid(utf8.Span))
        {
            return EnvelopeError.InvalidJson;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, DocumentOptions);
        }
        catch (JsonException)
        {
            return EnvelopeError.InvalidJson;
        }
        catch (ArgumentException)
        {
            // Defensive: a malformed message must never throw out of the parser.
            return EnvelopeError.InvalidJson;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() is < 2 or > 3)
            {
                return EnvelopeError.NotAnEnvelope;
            }

            var cb = root[1];
            string? callback = null;
            if (cb.ValueKind == JsonValueKind.String)
            {
                if (!JsonStrings.TryGetString(cb, out callback) || !ProtocolConstants.IsValidCallback(callback))
                {
                    return EnvelopeError.InvalidCallback;
                }
            }
            else if (cb.ValueKind != JsonValueKind.Null)
            {
                return EnvelopeError.InvalidCallback;
            }

            JsonElement? meta = null;
            if (root.GetArrayLength() == 3)
            {
                if (root[2].ValueKind != JsonValueKind.Object)
                {
                    return EnvelopeError.InvalidMeta;
                }

                meta = root[2].Clone();
            }

            envelope = new Envelope(root[0].Clone(), callback, meta);
            return EnvelopeError.None;
        }
    }

    /// <summary>Parses one envelope from a string.</summary>
    /// <param name="json">The message text.</param>
    /// <param name="envelope">The envelope when the result is <see cref="EnvelopeError.None"/>.</param>
    /// <returns>The parse result.</returns>
    public static EnvelopeError TryParse(string json, out Envelope? envelope) =>
        TryParse(System.Text.Encoding.UTF8.GetBytes(json), out envelope);
}
