using Microsoft.Extensions.Logging;

namespace Sente.Client;

/// <summary>Log events of <see cref="SenteClient"/> (ids 2000–2099; its internals use 2100–2299).</summary>
public sealed partial class SenteClient
{
    private static partial class Log
    {
        [LoggerMessage(2000, LogLevel.Information, "Open as {UserId} ({ClientId}) from seq {Seq}, resumed {Resumed}.", EventName = "Opened")]
        public static partial void Opened(ILogger logger, string userId, string clientId, long seq, bool? resumed);

        [LoggerMessage(2001, LogLevel.Warning, "Resume of {ClientId} after seq {LastSeq} lost events; continuing from {Seq}. The application must resynchronise.", EventName = "ResumeFailed")]
        public static partial void ResumeFailed(ILogger logger, string clientId, long lastSeq, long seq);

        [LoggerMessage(2002, LogLevel.Information, "Connection of {ClientId} closed: {Reason} (code {Code}).", EventName = "Closed")]
        public static partial void Closed(ILogger logger, string clientId, SenteCloseReason reason, int? code);

        [LoggerMessage(2003, LogLevel.Debug, "Reconnect attempt {Attempt} in {Delay}.", EventName = "ReconnectScheduled")]
        public static partial void ReconnectScheduled(ILogger logger, int attempt, TimeSpan delay);

        [LoggerMessage(2004, LogLevel.Information, "Connection attempt {Attempt} failed.", EventName = "ConnectFailed")]
        public static partial void ConnectFailed(ILogger logger, int attempt, Exception exception);

        [LoggerMessage(2005, LogLevel.Warning, "The WebSocket of {ClientId} failed before it ever opened (HTTP {StatusCode}); switching to Ajax for good.", EventName = "DowngradingToAjax")]
        public static partial void DowngradingToAjax(ILogger logger, string clientId, int? statusCode);

        [LoggerMessage(2006, LogLevel.Warning, "The server answered a poll of {ClientId} with a new handshake at seq {Seq} (resumed {Resumed}); applying it like a reconnect.", EventName = "StreamRestarted")]
        public static partial void StreamRestarted(ILogger logger, string clientId, long seq, bool? resumed);
    }
}
