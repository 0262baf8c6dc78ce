using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Sente.Protocol;
using Sente.Wire;

namespace Sente.Client.Internal;

/// <summary>
/// The Ajax long-polling transport (PROTOCOL.md section 2; SENTE-REFERENCE.md 5.4): a handshake GET,
/// then one held poll GET at a time, and a POST per sent event (see <c>AjaxTransport.Send.cs</c>).
/// Each poll carries <c>ack=N</c>, the last processed seq, and goes only once the dispatch loop
/// applied what the previous poll brought: the ack is then exact, the server's answer starts at
/// N+1, and an answer lost on the way is simply sent again by the next poll.
/// </summary>
internal sealed partial class AjaxTransport(HttpClient http, SenteClientOptions options, ILogger logger) : ISenteTransport
{
    // Polls and POSTs may take the server's hold plus this before they count as lost.
    private static readonly TimeSpan LongPollMargin = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _cts = new();
    private TransportTarget _target = null!;
    private ITransportHost _host = null!;
    private Uri _sendUri = null!;
    private HandshakeMessage? _handshake;
    private long _timeoutTicks = options.AjaxTimeout.Ticks;
    private volatile bool _closeRequested;

    public TransportKind Kind => TransportKind.Ajax;

    public int? CloseCode => null;

    public string? CloseDescription => null;

    private TimeSpan RequestTimeout => TimeSpan.FromTicks(Interlocked.Read(ref _timeoutTicks));

    public async Task ConnectAsync(TransportTarget target, ITransportHost host, CancellationToken cancellationToken)
    {
        _target = target;
        _host = host;
        _sendUri = Address();
        KeyValuePair<string, string>[] own = target.LastSeq is { } n
            ? [new(ProtocolConstants.HandshakeQueryKey, "1"), new(ProtocolConstants.LastSeqQueryKey, Format(n))]
            : [new(ProtocolConstants.HandshakeQueryKey, "1")];
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cts.Token);
        int status;
        Envelope? envelope;
        try
        {
            (status, envelope) = await GetAsync(Address(own), linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException)
        {
            throw new SenteConnectException("The Ajax handshake failed.", innerException: ex);
        }

        if (status != StatusCodes.Ok)
        {
            throw new SenteConnectException($"The server refused the Ajax handshake with HTTP {status}.", status);
        }

        if (envelope is null || InboundMessageReader.Read(envelope) is not HandshakeMessage handshake)
        {
            throw new SenteConnectException("The answer to the Ajax handshake was not a handshake.", status);
        }

        OnHandshake(envelope);
        _handshake = handshake;
    }

    public async ValueTask<InboundMessage?> ReceiveAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _handshake, null) is { } first)
        {
            return first;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _cts.Token);
        try
        {
            while (true)
            {
                // The ack must include what the last answer brought (and a handshake's seq reset).
                await _host.WhenDispatchedAsync(linked.Token).ConfigureAwait(false);
                var ack = _host.LastProcessedSeq;
                var (status, envelope) = await GetAsync(Address(new KeyValuePair<string, string>(ProtocolConstants.AckQueryKey, Format(ack))), linked.Token).ConfigureAwait(false);
                switch (status)
                {
                    case StatusCodes.NoContent:
                        // A newer poll for this client-id took over. Ours are sequential and cancelled when
                        // this transport ends, so it is someone else's (another process with our client-id): poll again.
                        Log.PollSuperseded(logger, _target.ClientId);
                        continue;
                    case StatusCodes.Ok when envelope is null:
                        throw new InvalidDataException("The answer to a poll is not an envelope.");
                    case StatusCodes.Ok when IsTimeout(envelope):
                        continue;
                    case StatusCodes.Ok:
                        var message = InboundMessageReader.Read(envelope);
                        if (message is HandshakeMessage)
                        {
                            OnHandshake(envelope);
                        }

                        return message;
                    default:
                        throw new HttpRequestException($"The server answered a poll with HTTP {status}.", null, (HttpStatusCode)status);
                }
            }
        }
        catch (OperationCanceledException) when (_closeRequested)
        {
            return null;
        }
    }

    public async Task CloseOutputAsync(CancellationToken cancellationToken)
    {
        // Events queued before the close are out once their POSTs were answered (the server answers
        // those without reply at once); bounded, wall-clock, like the connection's own close timeout.
        try
        {
            await WhenPostsWithoutReplyDoneAsync().WaitAsync(FlushTimeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }

        _closeRequested = true;
        Cancel();
    }

    public void Abort() => Cancel();

    public async ValueTask DisposeAsync()
    {
        Cancel();
        await WhenAllPostsDoneAsync().ConfigureAwait(false);
    }

    private static string Format(long n) => n.ToString(CultureInfo.InvariantCulture);

    private static bool IsTimeout(Envelope envelope) =>
        envelope.Callback is null && envelope.Payload.ValueKind == JsonValueKind.String && envelope.Payload.GetString() == SenteEventIds.Timeout;

    private void Cancel()
    {
        try
        {
            _cts.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private Uri Address(params KeyValuePair<string, string>[] own) =>
        ConnectUriBuilder.BuildAjax(_target.Endpoint, _target.ClientId, _target.Query, own);

    /// <summary>The server's long-poll hold, when announced, sets the request timeout: hold + margin.</summary>
    private void OnHandshake(Envelope envelope)
    {
        if (envelope.GetMetaInt64(ProtocolConstants.MetaLpTimeoutMs) is { } lpMs and > 0)
        {
            Interlocked.Exchange(ref _timeoutTicks, (TimeSpan.FromMilliseconds(lpMs) + LongPollMargin).Ticks);
        }
    }

    private Task<(int Status, Envelope? Envelope)> GetAsync(Uri uri, CancellationToken cancellationToken) =>
        SendRequestAsync(NewRequest(HttpMethod.Get, uri), cancellationToken);

    private HttpRequestMessage NewRequest(HttpMethod method, Uri uri)
    {
        var request = new HttpRequestMessage(method, uri);
        foreach (var (name, value) in _target.Headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        if (!string.IsNullOrEmpty(_target.CsrfToken))
        {
            request.Headers.TryAddWithoutValidation(ProtocolConstants.CsrfTokenHeader, _target.CsrfToken);
        }

        return request;
    }

    /// <summary>Sends one request with the current timeout (on the client's clock); the body is parsed for 200 answers only.</summary>
    private async Task<(int Status, Envelope? Envelope)> SendRequestAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var timeout = RequestTimeout;
        using (request)
        using (var timer = new CancellationTokenSource(timeout, options.TimeProvider))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token))
        {
            try
            {
                using var response = await http.SendAsync(request, linked.Token).ConfigureAwait(false);
                var status = (int)response.StatusCode;
                if (status != StatusCodes.Ok)
                {
                    return (status, null);
                }

                var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
                return (status, EnvelopeParser.TryParse(body, out var envelope) == EnvelopeError.None ? envelope : null);
            }
            catch (OperationCanceledException) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"No answer from the server within {timeout}.");
            }
        }
    }

    private static class StatusCodes
    {
        public const int Ok = 200;
        public const int NoContent = 204;
        public const int PayloadTooLarge = 413;
    }

    private static partial class Log
    {
        [LoggerMessage(2110, LogLevel.Debug, "A newer poll for {ClientId} superseded ours (204); polling again.", EventName = "PollSuperseded")]
        public static partial void PollSuperseded(ILogger logger, string clientId);
    }
}
