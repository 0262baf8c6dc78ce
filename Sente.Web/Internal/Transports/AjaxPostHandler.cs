using System.Buffers;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sente.Protocol;
using Sente.Web.Diagnostics;
using Sente.Web.Internal.Connections;
using Sente.Wire;

namespace Sente.Web.Internal.Transports;

/// <summary>
/// Client → server over Ajax (POST with one envelope as body). Answers: no callback →
/// <c>["chsk/dummy-cb-200", null]</c> at once; callback → the handler's reply <c>[reply, null]</c>,
/// or <c>["chsk/timeout", null]</c> after <c>lp-timeout-ms</c>; too large → 413; not an envelope → 400.
/// </summary>
internal sealed partial class AjaxPostHandler(
    ConnectionSessionFactory sessions,
    LocalConnectionRegistry registry,
    InboundMessageProcessor processor,
    AjaxRateLimiters limiters,
    SenteWebMetrics metrics,
    IOptions<SenteOptions> options,
    TimeProvider time,
    ILogger<AjaxPostHandler> logger) : ISenteTransport
{
    private readonly SenteOptions _options = options.Value;

    public async Task ProcessRequestAsync(HttpContext context, SenteRequest request)
    {
        var body = await ReadBodyAsync(context.Request, _options.MaxMessageBytes, context.RequestAborted);
        if (body is null)
        {
            Log.TooLarge(logger, request.Uid, request.ClientId, _options.MaxMessageBytes);
            metrics.Rejected(RequestRejection.Oversize);
            await AjaxResponses.PlainAsync(context, StatusCodes.Status413PayloadTooLarge, "Payload too large");
            return;
        }

        // A connection of its own (never registered with the user grain) so the reply finds this request.
        var connection = new SenteConnection(request.Uid, request.ClientId, TransportKind.Ajax, 1, time)
        {
            IsAjaxPost = true,
            Limiter = limiters.For(request.Uid, request.ClientId),
        };
        var session = sessions.Create(connection);
        registry.Add(connection);
        try
        {
            var (outcome, cb) = await processor.ProcessAsync(session, body.Value);
            switch (outcome)
            {
                case InboundOutcome.Malformed:
                    await AjaxResponses.PlainAsync(context, StatusCodes.Status400BadRequest, "Malformed message");
                    return;
                case InboundOutcome.BadEvent or InboundOutcome.Failed or InboundOutcome.RateLimited:
                    await AjaxResponses.JsonAsync(context, cb is null ? AjaxResponses.DummyCallback200 : AjaxResponses.Error);
                    return;
                case InboundOutcome.Ping:
                    await AjaxResponses.JsonAsync(context, EnvelopeWriter.Reply(System.Text.Json.JsonSerializer.Serialize(ProtocolConstants.Pong), null));
                    return;
            }

            if (cb is null)
            {
                await AjaxResponses.JsonAsync(context, AjaxResponses.DummyCallback200);
                return;
            }

            await AwaitReplyAsync(context, connection);
        }
        finally
        {
            registry.Remove(connection);
            connection.Complete();
        }
    }

    private async Task AwaitReplyAsync(HttpContext context, SenteConnection connection)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(_options.LongPollTimeout);
        try
        {
            while (await connection.Reader.WaitToReadAsync(timeout.Token))
            {
                if (connection.Reader.TryRead(out var message) && message is RawMessage reply)
                {
                    await AjaxResponses.JsonAsync(context, reply.Utf8);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            await AjaxResponses.JsonAsync(context, AjaxResponses.Timeout);
            return;
        }
        catch (OperationCanceledException)
        {
            return; // The client went away.
        }

        await AjaxResponses.JsonAsync(context, AjaxResponses.Timeout);
    }

    /// <summary>Reads at most <paramref name="max"/> bytes; <see langword="null"/> when the body is larger.</summary>
    private static async Task<ReadOnlyMemory<byte>?> ReadBodyAsync(HttpRequest request, int max, CancellationToken cancellationToken)
    {
        if (request.ContentLength > max)
        {
            return null;
        }

        var buffer = new ArrayBufferWriter<byte>(Math.Min(max + 1, 4096));
        while (true)
        {
            var memory = buffer.GetMemory(Math.Min(4096, max + 1 - buffer.WrittenCount));
            var read = await request.Body.ReadAsync(memory, cancellationToken);
            if (read == 0)
            {
                return buffer.WrittenMemory;
            }

            buffer.Advance(read);
            if (buffer.WrittenCount > max)
            {
                return null;
            }
        }
    }

    private static partial class Log
    {
        [LoggerMessage(250, LogLevel.Warning, "Ajax POST from user {UserId} client {ClientId} exceeds {Limit} bytes; answered 413.", EventName = "PostTooLarge")]
        public static partial void TooLarge(ILogger logger, string userId, string clientId, int limit);
    }
}
