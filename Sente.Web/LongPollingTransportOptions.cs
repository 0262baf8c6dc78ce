namespace Sente.Web;

/// <summary>Options of the Ajax long-polling transport.</summary>
public sealed class LongPollingTransportOptions
{
    /// <summary>Gets or sets how long a poll waits, after its first event, for more to answer with one batch.</summary>
    /// <value>
    /// Defaults to 5 ms: every answer costs the client a new request, so a burst is worth merging;
    /// PROTOCOL.md allows up to 100 ms (Sente's <c>send-buf-ms-ajax</c>), which would tax every push.
    /// </value>
    public TimeSpan SendWindow { get; set; } = TimeSpan.FromMilliseconds(5);
}
