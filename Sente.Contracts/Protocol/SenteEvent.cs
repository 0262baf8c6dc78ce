using System.Text.Json;

namespace Sente.Protocol;

/// <summary>
/// An event <c>[id, data]</c>: a namespaced id (<c>"ns/name"</c>) and optional JSON data.
/// </summary>
/// <remarks>
/// The data is kept as raw JSON text so that an event crosses grains, streams and sockets without
/// being parsed and re-serialised on every hop; <see cref="Data"/> parses it on demand.
/// </remarks>
[GenerateSerializer, Immutable, Alias("sente.SenteEvent")]
public sealed class SenteEvent : IEquatable<SenteEvent>
{
    /// <summary>Creates an event from an id and optional raw JSON data.</summary>
    /// <param name="id">A namespaced event id such as <c>chat/msg</c>.</param>
    /// <param name="dataJson">The data as JSON text, or <see langword="null"/> for <c>[id]</c>.</param>
    /// <exception cref="ArgumentException">The id is not namespaced (see <see cref="EventValidator.IsValidId"/>).</exception>
    public SenteEvent(string id, string? dataJson = null)
    {
        if (!EventValidator.IsValidId(id))
        {
            throw new ArgumentException($"Invalid event id '{id}': it must look like \"ns/name\".", nameof(id));
        }

        Id = id;
        DataJson = dataJson;
    }

    /// <summary>Creates an event whose data is a JSON element.</summary>
    /// <param name="id">A namespaced event id.</param>
    /// <param name="data">The data.</param>
    public SenteEvent(string id, JsonElement data)
        : this(id, data.ValueKind == JsonValueKind.Undefined ? null : data.GetRawText())
    {
    }

    /// <summary>Gets the namespaced event id.</summary>
    [Id(0)]
    public string Id { get; }

    /// <summary>Gets the data as raw JSON text, or <see langword="null"/> when the event has no data.</summary>
    [Id(1)]
    public string? DataJson { get; }

    /// <summary>Gets the data parsed as a JSON element, or <see langword="null"/> when there is none.</summary>
    /// <remarks>Parsed on each access (into a standalone element: no pooled document is left undisposed).</remarks>
    public JsonElement? Data => DataJson is null ? null : JsonSerializer.Deserialize<JsonElement>(DataJson);

    /// <summary>Creates an event whose data is <paramref name="data"/> serialised with System.Text.Json.</summary>
    /// <typeparam name="T">The data type.</typeparam>
    /// <param name="id">A namespaced event id.</param>
    /// <param name="data">The data.</param>
    /// <param name="options">Serializer options; the web defaults when omitted.</param>
    /// <returns>The event.</returns>
    public static SenteEvent Create<T>(string id, T data, JsonSerializerOptions? options = null) =>
        new(id, JsonSerializer.Serialize(data, options ?? JsonSerializerOptions.Web));

    /// <summary>Deserialises the data into <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The target type.</typeparam>
    /// <param name="options">Serializer options; the web defaults when omitted.</param>
    /// <returns>The data, or default when the event has none.</returns>
    public T? DataAs<T>(JsonSerializerOptions? options = null) =>
        DataJson is null ? default : JsonSerializer.Deserialize<T>(DataJson, options ?? JsonSerializerOptions.Web);

    /// <summary>Writes the event as the JSON array <c>[id]</c> or <c>[id, data]</c>.</summary>
    /// <param name="writer">The writer.</param>
    public void WriteTo(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        writer.WriteStringValue(Id);
        if (DataJson is not null)
        {
            writer.WriteRawValue(DataJson, skipInputValidation: true);
        }

        writer.WriteEndArray();
    }

    /// <summary>Returns the event as JSON text.</summary>
    /// <returns>The JSON array.</returns>
    public override string ToString() => DataJson is null
        ? $"[{JsonSerializer.Serialize(Id)}]"
        : $"[{JsonSerializer.Serialize(Id)},{DataJson}]";

    /// <inheritdoc />
    public bool Equals(SenteEvent? other) =>
        other is not null && Id == other.Id && DataJson == other.DataJson;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as SenteEvent);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Id, DataJson);
}
