using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Sente.Client.Internal;
using Sente.Wire;

namespace Sente.Client;

/// <summary>
/// A .NET channel-socket client for the <c>sente-json/1</c> protocol (Sente's
/// <c>make-channel-socket-client!</c>): connect with a handshake, push events, request replies,
/// receive pushed events exactly once and in order across reconnects (seqs, acks and resume),
/// keep-alive pings, and reconnects with backoff, over WebSocket or Ajax long-polling
/// (<see cref="SenteClientOptions.Transport"/>).
/// </summary>
/// <remarks>
/// Thread safety: every member may be called from any thread. One receive loop reads the socket,
/// one writer loop sends (so frames never interleave), and one dispatch loop runs handlers and
/// <see cref="StateChanged"/> in order. Lifecycle calls (connect, disconnect, reconnect) are serialised.
/// </remarks>
public sealed partial class SenteClient : IAsyncDisposable
{
    private readonly SenteClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Func<TransportKind, ISenteTransport> _transportFactory;
    private readonly TransportSelector _selector;
    private readonly Lazy<HttpClient> _http;
    private readonly SeqTracker _seqs;
    private readonly EventDispatcher _dispatcher;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private readonly Lock _stateGate = new();
    private SenteClientState _state;
    private volatile ClientConnection? _current;
    private CancellationTokenSource? _stop;
    private Task? _supervisor;
    private SenteCloseReason _stopReason;
    private volatile bool _disposed;

    /// <summary>Creates a client; nothing connects until <see cref="ConnectAsync"/>.</summary>
    /// <param name="options">The options; validated here.</param>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public SenteClient(SenteClientOptions options)
        : this(options, null)
    {
    }

    internal SenteClient(SenteClientOptions options, Func<TransportKind, ISenteTransport>? transportFactory)
    {
        SenteClientOptionsValidator.Validate(options);
        _options = options;
        _time = options.TimeProvider;
        _logger = (ILogger?)options.LoggerFactory?.CreateLogger<SenteClient>() ?? NullLogger.Instance;
        _selector = new TransportSelector(options.Transport);
        _state = new SenteClientState { Type = _selector.Current };
        _http = new Lazy<HttpClient>(() => AjaxHttpClient.Create(options));
        _transportFactory = transportFactory ?? CreateTransport;
        _seqs = new SeqTracker(options.ResumeFromSeq ?? 0);
        _dispatcher = new EventDispatcher(
            _seqs,
            new EventDispatcher.Callbacks(RaiseStateChanged, OnGap, OnBatchProcessed),
            _logger);
    }

    /// <summary>
    /// Raised on every state change (Sente's <c>:chsk/state</c> event), in order, on the dispatch
    /// loop: after the events that arrived before the change and before those that arrived after it.
    /// </summary>
    public event EventHandler<SenteStateChange>? StateChanged;

    /// <summary>Gets the client-id sent on every connection.</summary>
    public string ClientId => _options.ClientId;

    /// <summary>Gets the current state.</summary>
    public SenteClientState State
    {
        get
        {
            lock (_stateGate)
            {
                return _state;
            }
        }
    }

    /// <summary>Gets a value indicating whether a connection is open (handshake received, not closing).</summary>
    public bool IsOpen => _current is { IsOpen: true };

    /// <summary>
    /// Gets the seq of the last pushed event whose handlers all returned. Reconnects send it as
    /// <c>last-seq</c>; acks carry it.
    /// </summary>
    public long LastProcessedSeq => _seqs.LastProcessed;

    /// <summary>
    /// Connects and waits for the handshake. A failed attempt throws and is not retried (like
    /// SignalR's <c>StartAsync</c>); once open, dropped connections reconnect per
    /// <see cref="SenteClientOptions.AutoReconnect"/>. Does nothing when already open.
    /// </summary>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    /// <returns>A task that completes when the client is open.</returns>
    /// <exception cref="SenteConnectException">The server refused, the network failed, or no handshake came within <see cref="SenteClientOptions.ConnectTimeout"/>.</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (IsOpen)
            {
                return;
            }

            // A reconnect loop may be running (waiting out a backoff): connecting now replaces it.
            await StopAsync(SenteCloseReason.RequestedReconnect).ConfigureAwait(false);
            await ConnectCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Closes the connection cleanly (code 1000) and stops reconnecting (Sente's
    /// <c>chsk-disconnect!</c>). Pending requests fail with <c>chsk/closed</c>.
    /// </summary>
    /// <param name="cancellationToken">Cancels waiting for other lifecycle calls.</param>
    /// <returns>A task that completes when the connection has ended.</returns>
    public async Task DisconnectAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await StopAsync(SenteCloseReason.RequestedDisconnect).ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Closes the connection and connects again, e.g. after a login so the new handshake carries
    /// the new uid (Sente's <c>chsk-reconnect!</c>). Resumes after <see cref="LastProcessedSeq"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the new attempt.</param>
    /// <returns>A task that completes when the client is open again.</returns>
    /// <exception cref="SenteConnectException">The new attempt failed.</exception>
    public async Task ReconnectAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _lifecycle.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await StopAsync(SenteCloseReason.RequestedReconnect).ConfigureAwait(false);
            await ConnectCoreAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>
    /// Test aid (Sente's <c>chsk-break-connection!</c>): aborts the socket without a close
    /// handshake (Ajax: cancels the current poll), as a network drop would. The close reason is <see cref="SenteCloseReason.Unexpected"/>
    /// and the client reconnects per policy (attempt 1: at once).
    /// </summary>
    public void BreakConnection() => _current?.Abort(SenteCloseReason.Unexpected);

    /// <summary>Disconnects, then stops the dispatch loop after the events already received.</summary>
    /// <returns>A task that completes when everything has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        await _lifecycle.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            await StopAsync(SenteCloseReason.RequestedDisconnect).ConfigureAwait(false);
        }
        finally
        {
            _lifecycle.Release();
        }

        await _dispatcher.DisposeAsync().ConfigureAwait(false);
        if (_http.IsValueCreated)
        {
            _http.Value.Dispose();
        }
    }

    private ISenteTransport CreateTransport(TransportKind kind) =>
        kind == TransportKind.Ajax ? new AjaxTransport(_http.Value, _options, _logger) : new WebSocketTransport(_options);
}
