using Sente.Client.Internal;
using System.Net;
using Microsoft.Extensions.Logging;

namespace Sente.Client;

/// <summary>Options of a <see cref="SenteClient"/>; read once by its constructor.</summary>
public sealed class SenteClientOptions
{
    /// <summary>Gets or sets the address of the channel-socket endpoint, e.g. <c>https://host/chsk</c>.</summary>
    /// <value>
    /// Required. For WebSockets <c>http</c>/<c>https</c> are mapped to <c>ws</c>/<c>wss</c>; for Ajax
    /// <c>ws</c>/<c>wss</c> are mapped to <c>http</c>/<c>https</c>.
    /// </value>
    public Uri? Uri { get; set; }

    /// <summary>Gets or sets the transport (Sente's <c>:type</c>).</summary>
    /// <value>
    /// Defaults to <see cref="SenteTransportMode.Auto"/>, like Sente: WebSocket first, and Ajax for good
    /// once a WebSocket failed before it ever opened.
    /// </value>
    public SenteTransportMode Transport { get; set; } = SenteTransportMode.Auto;

    /// <summary>Gets or sets how long an Ajax request (handshake, poll or POST) may take.</summary>
    /// <value>
    /// Defaults to 60 seconds (Sente's). Once a handshake announced the server's <c>lp-timeout-ms</c>,
    /// polls and POSTs use that plus 10 seconds instead. A poll that times out counts as a lost
    /// connection (reconnect per policy).
    /// </value>
    public TimeSpan AjaxTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets or sets the client-id: one per client instance (browser tab, device process).</summary>
    /// <value>1–64 characters of <c>[A-Za-z0-9_.:-]</c>. Defaults to 16 random alphanumerics.</value>
    public string ClientId { get; set; } = ClientIds.NewClientId();

    /// <summary>Gets extra query parameters for the upgrade request and every Ajax request; the protocol's own keys win on conflict.</summary>
    public IDictionary<string, string> QueryParameters { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Gets extra headers for the upgrade request and every Ajax request (e.g. <c>Authorization</c>).</summary>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Gets or sets the CSRF token, needed when the server authenticates the client by cookie.</summary>
    /// <value>Defaults to none. Sent as the <c>csrf-token</c> query parameter of the upgrade request, and as the <c>X-CSRF-Token</c> header of Ajax requests.</value>
    public string? CsrfToken { get; set; }

    /// <summary>Gets or sets the cookies sent with the upgrade request and Ajax requests (cookie authentication).</summary>
    public CookieContainer? Cookies { get; set; }

    /// <summary>Gets or sets a hook run before every connection attempt, to refresh tokens or headers.</summary>
    public Func<SenteConnectingContext, CancellationToken, ValueTask>? OnConnecting { get; set; }

    /// <summary>Gets or sets how long a connection attempt may take, upgrade and handshake together.</summary>
    /// <value>Defaults to 15 seconds, like SignalR's handshake timeout.</value>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Gets or sets after how long without inbound traffic the client sends a keep-alive ping.</summary>
    /// <value>
    /// Defaults to 10 seconds (Sente's 20 s option, halved internally). <see cref="Timeout.InfiniteTimeSpan"/>
    /// disables pings. Only inbound traffic counts: a send into a dead socket succeeds locally.
    /// WebSocket only: on Ajax the poll cycle is the liveness check.
    /// </value>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets how long to wait for the pong before treating the connection as broken.</summary>
    /// <value>Defaults to 5 seconds (Sente's client default).</value>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Gets or sets the timeout of <see cref="SenteClient.RequestAsync"/> when none is passed.</summary>
    /// <value>Defaults to 10 seconds.</value>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the longest time processed events stay unacknowledged while events arrive.</summary>
    /// <value>Defaults to 1 second (PROTOCOL.md section 6).</value>
    public TimeSpan AckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets a value indicating whether to ack after every processed batch as well.</summary>
    /// <value>
    /// Defaults to <see langword="true"/>: acks are coalesced (at most one waits in the send queue),
    /// so this costs one small frame per batch and frees the server's outbox at once.
    /// </value>
    public bool AckEachBatch { get; set; } = true;

    /// <summary>Gets or sets the reconnect backoff: attempt number (1-based) → wait before it.</summary>
    /// <value>Defaults to <see cref="ReconnectBackoff.Default"/> (attempt 1 at once, then exponential, capped at 60 s).</value>
    public Func<int, TimeSpan> Backoff { get; set; } = ReconnectBackoff.Default;

    /// <summary>Gets or sets a value indicating whether the client reconnects after an open connection drops.</summary>
    /// <value>Defaults to <see langword="true"/>. A failed <see cref="SenteClient.ConnectAsync"/> never retries by itself.</value>
    public bool AutoReconnect { get; set; } = true;

    /// <summary>Gets or sets the seq to resume after on the first connection (sent as <c>last-seq</c>).</summary>
    /// <value>Defaults to none: the first connection starts where the server says. Set it to resume a client-id across process restarts.</value>
    public long? ResumeFromSeq { get; set; }

    /// <summary>Gets or sets the largest message accepted from the server, after reassembly (WebSocket) or per response body (Ajax).</summary>
    /// <value>Defaults to 16 MiB; a larger message breaks the connection.</value>
    public int MaxReceiveMessageBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>Gets or sets the clock used for every timer, timeout and timestamp.</summary>
    /// <value>Defaults to <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets the logger factory.</summary>
    /// <value>Defaults to none (no logging).</value>
    public ILoggerFactory? LoggerFactory { get; set; }
}
