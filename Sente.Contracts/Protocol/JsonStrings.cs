using System.Text.Json;

namespace Sente.Protocol;

/// <summary>Reads JSON strings without throwing on text .NET cannot represent.</summary>
internal static class JsonStrings
{
    /// <summary>Reads a string element.</summary>
    /// <param name="element">An element of kind <see cref="JsonValueKind.String"/>.</param>
    /// <param name="value">The string, or <see langword="null"/> when it cannot be read.</param>
    /// <returns><see langword="false"/> when the string holds an unpaired surrogate escape such as <c>"\ud800"</c>.</returns>
    /// <remarks>
    /// RFC 8259 allows such escapes in JSON text, but <see cref="JsonElement.GetString"/> throws
    /// <see cref="InvalidOperationException"/> on them; callers treat them as malformed input.
    /// </remarks>
    public static bool TryGetString(JsonElement element, out string? value)
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
}
