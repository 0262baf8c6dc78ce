namespace Sente.Wire;

/// <summary>
/// The reasons a user grain passes to <see cref="Sente.Grains.IWebNodeObserver.CloseAsync"/>. They go
/// into the close frame as they are; the web node also reads them to count why connections ended.
/// </summary>
public static class ConnectionCloseReasons
{
    /// <summary>A newer connection of the same client-id took over (a newer Ajax poll, a reconnect).</summary>
    public const string Replaced = "replaced by a newer connection";

    /// <summary>The client fell more than the retention count behind: it must resume and resynchronise.</summary>
    public const string OutboxOverflow = "outbox overflow";
}
