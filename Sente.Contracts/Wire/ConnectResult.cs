namespace Sente.Wire;

/// <summary>The user grain's answer to a connect: what the handshake's meta says.</summary>
/// <param name="Seq">Where the connection's stream starts (the first pushed event has <c>Seq + 1</c>).</param>
/// <param name="Resumed">Whether every event after <c>last-seq</c> is still held; <see langword="null"/> without <c>last-seq</c>.</param>
/// <param name="NewClient">Whether the grain did not know this client-id before (an Ajax poll then answers with a handshake).</param>
[GenerateSerializer, Immutable, Alias("sente.ConnectResult")]
public sealed record ConnectResult(
    [property: Id(0)] long Seq,
    [property: Id(1)] bool? Resumed,
    [property: Id(2)] bool NewClient = false);
