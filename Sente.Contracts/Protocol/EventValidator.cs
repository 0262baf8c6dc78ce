using System.Text.Json;

namespace Sente.Protocol;

/// <summary>The ways a JSON value can fail to be an event (Sente's <c>validate-event</c> error keys).</summary>
public enum EventError
{
    /// <summary>The value is a valid event.</summary>
    None = 0,

    /// <summary>The value is not a JSON array.</summary>
    WrongType,

    /// <summary>The array does not have 1 or 2 elements.</summary>
    WrongLength,

    /// <summary>The first element is not a string.</summary>
    WrongIdType,

    /// <summary>The id is not of the form <c>ns/name</c>.</summary>
    UnnamespacedId,
}

/// <summary>Sente's <c>validate-event</c> for JSON: returns an error, never throws.</summary>
public static class EventValidator
{
    /// <summary>
    /// Checks an event id against <c>^[^/\s]+/\S+$</c>: a non-empty namespace without slashes or
    /// whitespace, a slash, and a non-empty name without whitespace.
    /// </summary>
    /// <param name="id">The candidate id.</param>
    /// <returns><see langword="true"/> when namespaced.</returns>
    public static bool IsValidId(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return false;
        }

        var slash = id.IndexOf('/');
        if (slash <= 0 || slash == id.Length - 1)
        {
            return false;
        }

        for (var i = 0; i < id.Length; i++)
        {
            if (char.IsWhiteSpace(id[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Validates a JSON value as an event.</summary>
    /// <param name="value">The candidate event.</param>
    /// <returns><see cref="EventError.None"/> for a valid event, otherwise the first error.</returns>
    public static EventError Validate(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return EventError.WrongType;
        }

        var length = value.GetArrayLength();
        if (length is < 1 or > 2)
        {
            return EventError.WrongLength;
        }

        var id = value[0];
        if (id.ValueKind != JsonValueKind.String)
        {
            return EventError.WrongIdType;
        }

        // An id with an unpaired surrogate escape ("\ud800") is valid JSON but not readable text.
        return JsonStrings.TryGetString(id, out var text) && IsValidId(text) ? EventError.None : EventError.UnnamespacedId;
    }

    /// <summary>Converts a validated JSON value into a <see cref="SenteEvent"/>.</summary>
    /// <param name="value">The candidate event.</param>
    /// <param name="evt">The event when valid.</param>
    /// <returns>The validation result.</returns>
    public static EventError TryCreate(JsonElement value, out SenteEvent? evt)
    {
        var error = Validate(value);
        evt = error == EventError.None
            ? new SenteEvent(value[0].GetString()!, value.GetArrayLength() == 2 ? value[1].GetRawText() : null)
            : null;
        return error;
    }

    /// <summary>Sente's <c>as-event</c>: the event itself when valid, else <c>["chsk/bad-event", value]</c>.</summary>
    /// <param name="value">The candidate event.</param>
    /// <returns>An event that is always valid.</returns>
    public static SenteEvent AsEvent(JsonElement value) =>
        TryCreate(value, out var evt) == EventError.None ? evt! : new SenteEvent(SenteEventIds.BadEvent, value.GetRawText());
}
