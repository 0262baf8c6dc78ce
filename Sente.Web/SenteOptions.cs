using Microsoft.AspNetCore.Http;

namespace Sente.Web;

/// <summary>Options of a Sente web node (<c>services.AddSente(o => ...)</c>, or the <c>Sente</c> configuration section).</summary>
public sealed class SenteOptions
{
    /// <summary>Gets the WebSocket transport options.</summary>
    public WebSocketTransportOptions WebSockets { get; } = new();

    /// <summary>Gets the Ajax long-polling transport options.</summary>
    public LongPollingTransportOptions LongPolling { get; } = new();

    /// <summary>Gets the per-connection limits on client events.</summary>
    public InboundLimitsOptions Limits { get; } = new();

    /// <summary>Gets or sets the long-poll hold advertised in the handshake as <c>lp-timeout-ms</c>.</summary>
    /// <value>Defaults to 20 s (Sente's): under common 30 s proxy timeouts, and under the client's 60 s request timeout.</value>
    public TimeSpan LongPollTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Gets or sets the largest client message (WebSocket message after reassembly, or POST body), in UTF-8 bytes.</summary>
    /// <value>Defaults to 64 KiB (PROTOCOL.md section 8): ample for events, small enough that one client cannot hog memory.</value>
    public int MaxMessageBytes { get; set; } = 64 * 1024;

    /// <summary>Gets or sets this node's id; must be unique among live web nodes.</summary>
    /// <value>Defaults to a random id per process: a restarted node is a new node.</value>
    public string NodeId { get; set; } = $"web-{Guid.NewGuid():N}";

    /// <summary>Gets or sets how often this node renews its liveness lease.</summary>
    /// <value>Defaults to 2 s.</value>
    public TimeSpan NodeHeartbeatInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Gets or sets how long the node counts as alive without a heartbeat; a killed node stops receiving routes within this time.</summary>
    /// <value>Defaults to 8 s: four missed heartbeats, so a GC pause or a slow silo does not declare a healthy node dead.</value>
    public TimeSpan NodeLease { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>Gets or sets how many events may wait unwritten on one connection before it is treated as stalled and closed.</summary>
    /// <value>Defaults to 10,000: far beyond a healthy client; bounds memory a stalled socket can pin.</value>
    public int MaxQueuedEventsPerConnection { get; set; } = 10_000;

    /// <summary>Gets or sets the delegate resolving the uid of a request (Sente's <c>:user-id-fn</c>).</summary>
    /// <value>
    /// Defaults to the authenticated user's <c>NameIdentifier</c> claim, else its name; <see langword="null"/>
    /// (anonymous) becomes <c>sente/nil-uid</c>.
    /// </value>
    public Func<HttpContext, string?> ResolveUserId { get; set; } = DefaultUserId.Resolve;

    /// <summary>Gets or sets the delegate producing application handshake data (Sente's <c>:handshake-data-fn</c>), serialised with System.Text.Json.</summary>
    /// <value>Defaults to none (<c>null</c> on the wire).</value>
    public Func<HttpContext, object?>? HandshakeData { get; set; }

    /// <summary>Gets or sets the API key the HTTP push API requires as <c>Authorization: Bearer &lt;key&gt;</c>.</summary>
    /// <value>Defaults to none: then the API answers loopback callers only.</value>
    public string? ApiKey { get; set; }

    /// <summary>
    /// Gets or sets the application reject hook (Sente's <c>:reject-fn</c>), the first step of the
    /// rejection order on every WebSocket upgrade, Ajax GET and Ajax POST (PROTOCOL.md section 8).
    /// </summary>
    /// <value>
    /// Defaults to none. A non-null <see cref="IResult"/> is executed as the response and the request
    /// goes no further (not even the CSRF check); <see langword="null"/> continues.
    /// </value>
    public Func<HttpContext, ValueTask<IResult?>>? RejectRequest { get; set; }

    /// <summary>Gets the CSRF options (the second step of the rejection order).</summary>
    public SenteCsrfOptions Csrf { get; } = new();

    /// <summary>
    /// Gets the origins allowed besides the server's own (the third step of the rejection order):
    /// <c>scheme://host[:port]</c> entries, or <c>*</c> to allow every origin.
    /// </summary>
    /// <value>
    /// Defaults to empty: only the server's own origin (the request's scheme and host), which stops
    /// cross-site WebSocket hijacking even where the CSRF check does not apply.
    /// </value>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>
    /// Gets or sets an authorization delegate (Sente's <c>:authorized?-fn</c>), evaluated after the
    /// endpoint's own authorization metadata (<c>MapSente(...).RequireAuthorization(...)</c>); <see langword="false"/>
    /// answers <c>401 Unauthorized request</c>.
    /// </summary>
    /// <value>Defaults to none: only the endpoint's authorization metadata decides.</value>
    public Func<HttpContext, ValueTask<bool>>? Authorize { get; set; }
}

/// <summary>Options of the CSRF check (PROTOCOL.md section 8), backed by ASP.NET Core antiforgery.</summary>
public sealed class SenteCsrfOptions
{
    /// <summary>Gets or sets whether cookie-authenticated requests must carry a valid antiforgery token.</summary>
    /// <value>
    /// Defaults to <see langword="true"/>: a page on another site can otherwise open a channel socket with
    /// the user's cookie. Switching it off is logged as a warning at start-up; do it only when the
    /// origin allow-list alone is your CSRF defence.
    /// </value>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Gets the identity authentication types that count as cookie authentication besides the
    /// registered schemes whose handler is a <c>CookieAuthenticationHandler</c>.
    /// </summary>
    /// <value>
    /// Defaults to empty. Add the <c>ClaimsIdentity.AuthenticationType</c> a custom cookie or
    /// session handler gives its users, so their requests need a token too.
    /// </value>
    public IList<string> CookieAuthenticationTypes { get; } = [];
}

/// <summary>Options of the WebSocket transport.</summary>
public sealed class WebSocketTransportOptions
{
    /// <summary>Gets or sets whether WebSocket upgrades are accepted on the channel-socket endpoint.</summary>
    /// <value>
    /// Defaults to <see langword="true"/>. Set <see langword="false"/> behind proxies that break
    /// WebSockets: upgrade requests are then answered <c>400 WebSocket transport is disabled</c>, and
    /// <c>auto</c> clients fall back to Ajax long-polling at once.
    /// </value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets after how long without inbound traffic the server pings (<c>["chsk/ws-ping", null]</c>).</summary>
    /// <value>Defaults to 12.5 s (Sente's): under common 30–60 s idle timeouts of proxies and load balancers.</value>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromMilliseconds(12_500);

    /// <summary>Gets or sets how long after a ping the connection is closed when nothing arrives.</summary>
    /// <value>Defaults to 10 s (Sente's).</value>
    public TimeSpan PingTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the batching window: after a batch frame, further pushes wait at most this long to leave together.</summary>
    /// <value>
    /// Defaults to 0: no push is ever held back. Batching still happens where it pays: whatever
    /// queues while the previous frame is being written, or while the user grain's previous delivery
    /// is in flight, leaves as one batch (measured: 100 pushes within 5 ms arrive in 1–10 frames).
    /// Sente holds every push for its 30 ms <c>send-buf-ms-ws</c>; here a 2 ms window already raised
    /// p50 push latency at 500 pushes/s from 0.9 to 2.2 ms. Set up to 30 ms to trade latency for fewer frames.
    /// </value>
    public TimeSpan SendWindow { get; set; } = TimeSpan.Zero;

    /// <summary>Gets or sets how many malformed messages within <see cref="MalformedWindow"/> close a connection with 1008.</summary>
    /// <value>Defaults to 10 (PROTOCOL.md section 8).</value>
    public int MaxMalformedMessages { get; set; } = 10;

    /// <summary>Gets or sets the window for <see cref="MaxMalformedMessages"/>.</summary>
    /// <value>Defaults to 10 s.</value>
    public TimeSpan MalformedWindow { get; set; } = TimeSpan.FromSeconds(10);
}
