using Microsoft.Extensions.Logging;
using Sente.Wire;

namespace Sente.Grains.Users;

internal sealed partial class UserGrain
{
    private static partial class Log
    {
        [LoggerMessage(1000, LogLevel.Debug, "User {UserId}: client {ClientId} connected as {ConnectionId} over {Transport}; stream starts after seq {Seq} (resumed: {Resumed}).", EventName = "Connected")]
        public static partial void Connected(ILogger logger, string userId, string clientId, string connectionId, TransportKind transport, long seq, bool? resumed);

        [LoggerMessage(1001, LogLevel.Debug, "User {UserId}: client {ClientId} connection {ConnectionId} ended: {Reason}.", EventName = "Disconnected")]
        public static partial void Disconnected(ILogger logger, string userId, string clientId, string connectionId, string reason);

        [LoggerMessage(1002, LogLevel.Warning, "User {UserId}: delivery to client {ClientId} on {ConnectionId} at node {FrontendId} failed; routing stops until it reconnects.", EventName = "DeliveryFailed")]
        public static partial void DeliveryFailed(ILogger logger, Exception exception, string userId, string clientId, string connectionId, string frontendId);

        [LoggerMessage(1003, LogLevel.Debug, "User {UserId} has no client-ids; {Count} event(s) not stored.", EventName = "SentToNobody")]
        public static partial void SentToNobody(ILogger logger, string userId, int count);

        [LoggerMessage(1004, LogLevel.Warning, "User {UserId}: client {ClientId} exceeded {Capacity} unacknowledged events while connected; closing its connection so it resumes.", EventName = "OverflowWhileConnected")]
        public static partial void OverflowWhileConnected(ILogger logger, string userId, string clientId, int capacity);

        [LoggerMessage(1005, LogLevel.Debug, "User {UserId}: client {ClientId} expired after retention.", EventName = "ClientExpired")]
        public static partial void ClientExpired(ILogger logger, string userId, string clientId);

        [LoggerMessage(1006, LogLevel.Information, "User {UserId}: {EventId}.", EventName = "UidPort")]
        public static partial void UidPort(ILogger logger, string userId, string eventId);

        [LoggerMessage(1008, LogLevel.Warning, "User {UserId}: the presence shard did not confirm a connect in time; the connected-users view catches up later.", EventName = "PresencePublishSlow")]
        public static partial void PresencePublishSlow(ILogger logger, Exception exception, string userId);

        [LoggerMessage(1007, LogLevel.Warning, "User {UserId} deactivated with {Count} client-id(s) ({Reason}); their outboxes are lost without durable storage.", EventName = "DeactivatedWithClients")]
        public static partial void DeactivatedWithClients(ILogger logger, string userId, int count, string reason);
    }
}
