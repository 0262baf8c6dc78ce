namespace Sente.Web;

/// <summary>Limits on what one connection may send (client events forwarded to the silo).</summary>
public sealed class InboundLimitsOptions
{
    /// <summary>Gets or sets the sustained rate of client events allowed per connection.</summary>
    /// <value>Defaults to 100 per second: far above what people click or type, well below a flood.</value>
    public int EventsPerSecond { get; set; } = 100;

    /// <summary>Gets or sets how many events a connection may send at once before the rate applies.</summary>
    /// <value>Defaults to 200: a client that reconnects may flush a queue of buffered events.</value>
    public int Burst { get; set; } = 200;

    /// <summary>Gets or sets how many rate-limited events within 10 s close the connection with 1008.</summary>
    /// <value>Defaults to 100: an occasional burst is answered <c>chsk/error</c>; a sustained flood is disconnected.</value>
    public int MaxRejectedPer10Seconds { get; set; } = 100;
}
