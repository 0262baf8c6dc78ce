using System.Text.Json;
using Sente.Protocol;
using Sente.Wire;

namespace Sente.Grains.Inbound;

/// <summary>
/// One client event as a handler sees it (Sente's event-msg): the event, who sent it, and a reply
/// function that works at most once.
/// </summary>
public sealed class SenteEventContext
{
    private readonly InboundEvent _inbound;
    private int _replied;

    internal SenteEventContext(InboundEvent inbound, IGrainFactory grains, IServiceProvider services)
    {
        _inbound = inbound;
        GrainFactory = grains;
        Services = services;
    }

    /// <summary>Gets the event.</summary>
    public SenteEvent Event => _inbound.Event;

    /// <summary>Gets the event id.</summary>
    public string EventId => _inbound.Event.Id;

    /// <summary>Gets the sender's uid (decided by the server from authentication).</summary>
    public string Uid => _inbound.Uid;

    /// <summary>Gets the sender's client-id, or <see langword="null"/> for server-raised events such as <c>chsk/uidport-open</c>.</summary>
    public string? ClientId => _inbound.ClientId;

    /// <summary>Gets the transport the event arrived on.</summary>
    public TransportKind Transport => _inbound.Transport;

    /// <summary>Gets whether the sender waits for a reply.</summary>
    public bool ExpectsReply => _inbound.Callback is not null && _inbound.ReplyTo is not null;

    /// <summary>Gets whether a reply was already sent.</summary>
    public bool HasReplied => Volatile.Read(ref _replied) != 0;

    /// <summary>Gets a grain factory, to push to users or read presence.</summary>
    public IGrainFactory GrainFactory { get; }

    /// <summary>Gets the silo's services.</summary>
    public IServiceProvider Services { get; }

    /// <summary>Deserialises the event's data.</summary>
    /// <typeparam name="T">The target type.</typeparam>
    /// <returns>The data, or default when there is none.</returns>
    public T? DataAs<T>() => _inbound.Event.DataAs<T>();

    /// <summary>Replies with a value serialised by System.Text.Json (web defaults).</summary>
    /// <typeparam name="T">The reply type.</typeparam>
    /// <param name="value">The reply.</param>
    /// <returns><see langword="true"/> when this was the first reply and one was wanted.</returns>
    public bool Reply<T>(T value) => ReplyJson(JsonSerializer.Serialize(value, JsonSerializerOptions.Web));

    /// <summary>Replies with raw JSON (e.g. the data of the request, echoed).</summary>
    /// <param name="json">The reply value as JSON text; <see langword="null"/> replies JSON <c>null</c>.</param>
    /// <returns><see langword="true"/> when this was the first reply and one was wanted.</returns>
    public bool ReplyJson(string? json)
    {
        if (!ExpectsReply || Interlocked.Exchange(ref _replied, 1) != 0)
        {
            return false;
        }

        _inbound.ReplyTo!.ReplyAsync(_inbound.ConnectionId!, _inbound.Callback!, json ?? "null").Ignore();
        return true;
    }

    /// <summary>Pushes an event to a user (all of that user's clients).</summary>
    /// <param name="uid">The uid.</param>
    /// <param name="evt">The event.</param>
    /// <returns>How many client-ids it was stored for.</returns>
    public Task<int> SendAsync(string uid, SenteEvent evt) => GrainFactory.GetGrain<IUserGrain>(uid).SendAsync(evt);
}
