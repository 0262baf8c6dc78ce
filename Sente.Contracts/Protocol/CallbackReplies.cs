namespace Sente.Protocol;

/// <summary>Reserved reply values a client's callback receives instead of a handler's reply.</summary>
public static class CallbackReplies
{
    /// <summary>The connection was not open, or closed before the reply came.</summary>
    public const string Closed = "chsk/closed";

    /// <summary>No reply came within the request's timeout.</summary>
    public const string Timeout = "chsk/timeout";

    /// <summary>The request failed: no handler, a bad event, or a handler error.</summary>
    public const string Error = "chsk/error";
}
