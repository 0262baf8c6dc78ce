using System.Collections.Frozen;
using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Sente.Grains.Diagnostics;
using Sente.Protocol;
using Sente.Wire;

namespace Sente.Grains.Inbound;

/// <summary>Finds the handler of an event id and runs it; answers requests nobody handles with <c>chsk/error</c>.</summary>
internal sealed partial class SenteEventDispatcher
{
    private readonly FrozenDictionary<string, SenteHandlerRegistration> _handlers;
    private readonly IServiceProvider _services;
    private readonly SenteGrainMetrics _metrics;
    private readonly ILogger<SenteEventDispatcher> _logger;

    public SenteEventDispatcher(IEnumerable<SenteHandlerRegistration> registrations, IServiceProvider services, SenteGrainMetrics metrics, ILogger<SenteEventDispatcher> logger)
    {
        var byId = new Dictionary<string, SenteHandlerRegistration>(StringComparer.Ordinal);
        foreach (var registration in registrations)
        {
            if (!byId.TryAdd(registration.EventId, registration))
            {
                throw new InvalidOperationException($"Two Sente handlers are registered for event id '{registration.EventId}'.");
            }
        }

        _handlers = byId.ToFrozenDictionary(StringComparer.Ordinal);
        _services = services;
        _metrics = metrics;
        _logger = logger;
    }

    public bool Handles(string eventId) => _handlers.ContainsKey(eventId);

    public async Task DispatchAsync(InboundEvent inbound, IGrainFactory grains)
    {
        var context = new SenteEventContext(inbound, grains, _services);
        if (!_handlers.TryGetValue(inbound.Event.Id, out var registration))
        {
            _metrics.InboundUnhandled();
            if (context.ExpectsReply)
            {
                Log.UnhandledRequest(_logger, inbound.Event.Id, inbound.Uid);
                context.ReplyJson(Quoted(CallbackReplies.Error));
            }
            else if (!SenteEventIds.IsReserved(inbound.Event.Id))
            {
                Log.UnhandledEvent(_logger, inbound.Event.Id, inbound.Uid);
            }

            return;
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            await registration.Create(_services).HandleAsync(context);
            _metrics.InboundHandled(started, failed: false);
        }
        catch (Exception ex)
        {
            _metrics.InboundHandled(started, failed: true);
            Log.HandlerFailed(_logger, ex, inbound.Event.Id, inbound.Uid);
            context.ReplyJson(Quoted(CallbackReplies.Error));
        }
    }

    private static string Quoted(string value) => System.Text.Json.JsonSerializer.Serialize(value);

    private static partial class Log
    {
        [LoggerMessage(1300, LogLevel.Information, "No handler for event {EventId} from user {UserId}; dropped.", EventName = "UnhandledEvent")]
        public static partial void UnhandledEvent(ILogger logger, string eventId, string userId);

        [LoggerMessage(1301, LogLevel.Information, "No handler for request {EventId} from user {UserId}; replied chsk/error.", EventName = "UnhandledRequest")]
        public static partial void UnhandledRequest(ILogger logger, string eventId, string userId);

        [LoggerMessage(1302, LogLevel.Error, "Handler for {EventId} from user {UserId} failed.", EventName = "HandlerFailed")]
        public static partial void HandlerFailed(ILogger logger, Exception exception, string eventId, string userId);
    }
}
