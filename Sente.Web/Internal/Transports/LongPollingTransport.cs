using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sente.Protocol;
using Sente.Web.Diagnostics;
using Sente.Web.Internal.Connections;
using Sente.Wire;

namespace Sente.Web.Internal.Transports;

/// <summary>
/// The Ajax long-poll transport (GET). Each poll is a short-lived connection of its client-id: it
/// connects to the user grain with the poll's <c>ack</c> as <c>last-seq</c>, so the grain replays
/// everything after it, and disconnects when answered. The grain's Ajax grace covers the gap
/// between two polls, so presence does not flap.
/// </summary>
internal sealed partial class LongPollingTransport(
    ConnectionSessionFactory sessions,
    LocalConnectionRegistry registry,
    SenteWebMetrics metrics,
    IOptions<SenteOptions> options,
    TimeProvider time,
    ILogger<LongPollingTransport> logger) : ISenteTransport
{
    private readonly SenteOptions _options = options.Value;
    private readonly ConcurrentDictionary<(string Uid, string ClientId), SenteConnection> _polls = new();

    public async Task ProcessRequestAsync(HttpContext context, SenteRequest request)
    {
        var query = context.Request.Query;
        var handshakeRequested = IsSet(query[ProtocolConstants.HandshakeQueryKey]) || IsSet(query[ProtocolConstants.HandshakeQueryKeySente]);
        long? ack = null;
        var ackText = query[ProtocolConstants.AckQueryKey].ToString();
        if (ackText.Length > 0)
        {
            if (!long.TryParse(ackText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                metrics.Rejected(RequestRejection.BadRequest);
                await AjaxResponses.PlainAsync(context, StatusCodes.Status400BadRequest, "Invalid ack");
                return;
            }

            ack = parsed;
        }

        var connection = new SenteConnection(request.Uid, request.ClientId, TransportKind.Ajax, _options.MaxQueuedEventsPerConnection, time);
        var session = sessions.Create(connection);
        var key = (request.Uid, request.ClientId);
        var sentLastSeq = handshakeRequested ? request.LastSeq : ack;

        // At most one poll per client-id: a newer one ends the older with 204 (case 3 below).
        if (_polls.TryGetValue(key, out var older))
        {
            older.Close(StatusCodes.Status204NoContent, "superseded by a newer poll", ConnectionEndReason.Replaced);
        }

        _polls[key] = connection;
        registry.Add(connection);
        try
        {
            ConnectResult result;
            try
            {
                // A handshake GET resumes from last-seq; a poll's ack says where its answer starts.
                result = await session.ConnectAsync(sentLastSeq);
            }
            catch (Exception ex)
            {
                Log.ConnectFailed(logger, ex, request.Uid, request.ClientId);
                await AjaxResponses.PlainAsync(context, StatusCodes.Status503ServiceUnavailable, "Temporarily unavailable");
                return;
            }

            // A handshake when asked, when the grain did not know this client-id (grace or retention
            // expired, or its state was lost), or when events after the ack are gone: the client must
            // learn where its stream restarts instead of seeing a gap.
            if (handshakeRequested || result.NewClient || result.Resumed == false)
            {
                var resumed = sentLastSeq is not null ? result.Resumed : null;
                await AjaxResponses.JsonAsync(context, Handshake(request, result.Seq, resumed));
                metrics.HandshakeSent(TransportKind.Ajax, resumed);
                return;
            }

            metrics.ConnectionOpened(TransportKind.Ajax);
            try
            {
                await HoldAsync(context, connection, result.Seq);
            }
            finally
            {
                // Anything unforeseen that ended the poll left no reason: it counts as an error.
                metrics.ConnectionClosed(TransportKind.Ajax, connection.EndReason);
            }
        }
        finally
        {
            _polls.TryRemove(new KeyValuePair<(string, string), SenteConnection>(key, connection));
            registry.Remove(connection);
            connection.Complete();
            _ = DisconnectQuietlyAsync(session);
        }
    }

    /// <summary>
    /// Holds the poll. 4 cases:
    /// 1 - events arrive: after the send window, 200 with one batch;
    /// 2 - nothing within lp-timeout-ms: 200 <c>["chsk/timeout", null]</c>;
    /// 3 - a newer poll of the same client-id (here or on another node) supersedes this one: 204;
    /// 4 - the client went away: no response.
    /// </summary>
    private async Task HoldAsync(HttpContext context, SenteConnection connection, long startSeq)
    {
        var batch = new BatchAccumulator(startSeq);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(_options.LongPollTimeout);
        var reader = connection.Reader;
        try
        {
            while (await reader.WaitToReadAsync(timeout.Token))
            {
                while (reader.TryRead(out var message))
                {
                    switch (message)
                    {
                        case EventDelivery delivery:
                            connection.EventsWritten(delivery.Events.Length);
                            if (!batch.TryAdd(delivery))
                            {
                                Log.SeqGap(logger, connection.Uid, connection.ClientId, batch.LastSeq, delivery.FirstSeq);
                            }

                            break;
                        case CloseMessage:
                            // Case 3 (or the node is shutting down); events already taken still go out.
                            // Whoever queued the close recorded why.
                            if (batch.Count > 0)
                            {
                                await AnswerBatchAsync(context, batch);
                            }
                            else
                            {
                                context.Response.StatusCode = StatusCodes.Status204NoContent;
                            }

                            return;
                    }
                }

                if (batch.Count > 0)
                {
                    // Case 1: let a burst catch up, then answer with everything taken.
                    await DrainForAsync(reader, connection, batch, _options.LongPolling.SendWindow, timeout.Token);
                    connection.SetEndReason(ConnectionEndReason.Answered);
                    await AnswerBatchAsync(context, batch);
                    return;
                }
            }

            // The queue was completed without a close (the node is stopping): answer as a timeout.
            connection.SetEndReason(ConnectionEndReason.ServerShutdown);
            await AjaxResponses.JsonAsync(context, AjaxResponses.Timeout);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            // Case 2.
            if (batch.Count > 0)
            {
                connection.SetEndReason(ConnectionEndReason.Answered);
                await AnswerBatchAsync(context, batch);
            }
            else
            {
                connection.SetEndReason(ConnectionEndReason.PollTimeout);
                await AjaxResponses.JsonAsync(context, AjaxResponses.Timeout);
            }
        }
        catch (OperationCanceledException)
        {
            // Case 4: the client is gone; its events stay in the outbox for its next poll.
            connection.SetEndReason(ConnectionEndReason.Client);
        }
    }

    private async Task AnswerBatchAsync(HttpContext context, BatchAccumulator batch)
    {
        var events = batch.Count;
        await AjaxResponses.JsonAsync(context, batch.Write());
        metrics.BatchSent(TransportKind.Ajax, events);
    }

    private async Task DrainForAsync(
        System.Threading.Channels.ChannelReader<OutboundMessage> reader,
        SenteConnection connection,
        BatchAccumulator batch,
        TimeSpan window,
        CancellationToken cancellationToken)
    {
        if (window <= TimeSpan.Zero)
        {
            return;
        }

        using var windowEnd = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        windowEnd.CancelAfter(window);
        try
        {
            while (await reader.WaitToReadAsync(windowEnd.Token))
            {
                while (reader.TryPeek(out var message) && message is EventDelivery delivery)
                {
                    reader.TryRead(out _);
                    connection.EventsWritten(delivery.Events.Length);
                    batch.TryAdd(delivery);
                }

                if (reader.TryPeek(out _))
                {
                    return; // A close is queued: answer now with what we have.
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The window ended.
        }
    }

    private byte[] Handshake(SenteRequest request, long seq, bool? resumed) =>
        EnvelopeWriter.Handshake(
            request.Uid, request.HandshakeDataJson, seq, resumed,
            null, (long)_options.LongPollTimeout.TotalMilliseconds);

    private async Task DisconnectQuietlyAsync(ConnectionSession session)
    {
        try
        {
            await session.DisconnectAsync();
        }
        catch (Exception ex)
        {
            Log.DisconnectNotRecorded(logger, ex, session.Connection.Uid, session.Connection.ClientId);
        }
    }

    private static bool IsSet(Microsoft.Extensions.Primitives.StringValues value) =>
        value.Count > 0 && value.ToString() is { Length: > 0 } v && v != "0" && !v.Equals("false", StringComparison.OrdinalIgnoreCase);

    private static partial class Log
    {
        [LoggerMessage(200, LogLevel.Error, "Could not connect Ajax poll of user {UserId} client {ClientId} to its user grain.", EventName = "PollConnectFailed")]
        public static partial void ConnectFailed(ILogger logger, Exception exception, string userId, string clientId);

        [LoggerMessage(201, LogLevel.Error, "Seq gap on an Ajax poll of user {UserId} client {ClientId}: had {LastSeq}, got a delivery from {FirstSeq}; answering what is contiguous.", EventName = "PollSeqGap")]
        public static partial void SeqGap(ILogger logger, string userId, string clientId, long lastSeq, long firstSeq);

        [LoggerMessage(202, LogLevel.Warning, "Could not record the end of an Ajax poll of user {UserId} client {ClientId}.", EventName = "PollDisconnectNotRecorded")]
        public static partial void DisconnectNotRecorded(ILogger logger, Exception exception, string userId, string clientId);
    }
}
