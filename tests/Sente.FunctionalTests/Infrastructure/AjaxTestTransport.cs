using System.Net;
using System.Text;
using System.Text.Json;
using Sente.Protocol;

namespace Sente.FunctionalTests.Infrastructure;

/// <summary>The Ajax long-poll transport for the compliance suite: plain HTTP GET polls and POST sends.</summary>
public sealed class AjaxTestTransport : ITestTransport
{
    public string Name => "ajax";

    public async Task<ITestTransportClient> ConnectAsync(SenteServer server, string clientId, string? cookie = null, long? lastSeq = null)
    {
        var client = new RawAjaxClient(server, clientId, cookie);
        await client.HandshakeAsync(lastSeq);
        return client;
    }
}

/// <summary>A bare Ajax client speaking the protocol by hand.</summary>
public sealed class RawAjaxClient : ITestTransportClient
{
    private readonly HttpClient _http;
    private readonly string _clientId;
    private readonly CancellationTokenSource _aborted = new();
    private readonly SenteServer _server;
    private string? _cookie;

    public RawAjaxClient(SenteServer server, string clientId, string? cookie)
    {
        _http = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = server.BaseUri, Timeout = TimeSpan.FromSeconds(60) };
        _server = server;
        _cookie = cookie;
        _clientId = clientId;
    }

    /// <summary>A cookie-authenticated client needs the CSRF token (header) and its antiforgery cookie; fetched once.</summary>
    private async Task EnsureCsrfAsync()
    {
        if (_cookie is null)
        {
            return;
        }

        var (cookies, token) = await CsrfTokens.FetchAsync(_server.ChskUri, _cookie);
        _cookie = null;
        _http.DefaultRequestHeaders.Add("Cookie", cookies);
        _http.DefaultRequestHeaders.Add(ProtocolConstants.CsrfTokenHeader, token);
    }

    public Envelope Handshake { get; private set; } = null!;

    /// <summary>Gets the last seq processed (sent as <c>ack</c> on every poll).</summary>
    public long LastSeq { get; private set; }

    public string Path(string query = "") => $"/chsk?client-id={Uri.EscapeDataString(_clientId)}{query}";

    public async Task HandshakeAsync(long? lastSeq = null)
    {
        var (status, envelope) = await GetAsync(Path("&handshake=1" + (lastSeq is { } s ? $"&last-seq={s}" : "")));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(SenteEventIds.Handshake, envelope!.Payload[0].GetString());
        Handshake = envelope;
        LastSeq = envelope.GetMetaInt64(ProtocolConstants.MetaSeq)!.Value;
    }

    /// <summary>One poll with <c>ack</c> = the last processed seq; returns the status and the envelope (null for 204).</summary>
    public Task<(HttpStatusCode Status, Envelope? Envelope)> PollAsync(CancellationToken cancellationToken = default) =>
        GetAsync(Path($"&ack={LastSeq}"), cancellationToken);

    public async Task<(HttpStatusCode Status, Envelope? Envelope)> GetAsync(string path, CancellationToken cancellationToken = default)
    {
        await EnsureCsrfAsync();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _aborted.Token);
        using var response = await _http.GetAsync(path, linked.Token);
        var body = await response.Content.ReadAsStringAsync(linked.Token);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return (response.StatusCode, null);
        }

        Assert.Equal(EnvelopeError.None, EnvelopeParser.TryParse(body, out var envelope));
        return (response.StatusCode, envelope);
    }

    public async Task<(HttpStatusCode Status, string Body)> PostAsync(string body, CancellationToken cancellationToken = default)
    {
        await EnsureCsrfAsync();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(Path(), content, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public async Task SendAsync(string id, string? dataJson = null)
    {
        var (status, body) = await PostAsync(Encoding.UTF8.GetString(EnvelopeWriter.ClientEvent(new SenteEvent(id, dataJson), null)));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""["chsk/dummy-cb-200",null]""", body);
    }

    public async Task<Envelope> RequestAsync(string id, string? dataJson = null)
    {
        var (status, body) = await PostAsync(Encoding.UTF8.GetString(EnvelopeWriter.ClientEvent(new SenteEvent(id, dataJson), ProtocolConstants.AjaxCallback)));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(EnvelopeError.None, EnvelopeParser.TryParse(body, out var envelope));
        Assert.Null(envelope!.Callback);
        return envelope;
    }

    public async Task<ReceivedEvents> ReceiveEventsAsync(int count, TimeSpan? timeout = null)
    {
        var result = new ReceivedEvents(LastSeq);
        using var cts = new CancellationTokenSource(timeout ?? TimeoutExtensions.Default);
        while (result.Events.Count < count)
        {
            var (status, envelope) = await PollAsync(cts.Token);
            Assert.Equal(HttpStatusCode.OK, status);
            if (envelope!.GetMetaInt64(ProtocolConstants.MetaSeq) is { } seq && envelope.Payload.ValueKind == JsonValueKind.Array
                && envelope.Payload[0].ValueKind == JsonValueKind.Array)
            {
                result.AddBatch(seq, envelope.Payload);
                LastSeq = result.LastSeq;
            }
            else
            {
                Assert.Equal(SenteEventIds.Timeout, envelope.Payload.GetString());
            }
        }

        return result;
    }

    public async Task<bool> ReceivesNothingAsync(TimeSpan wait)
    {
        using var cts = new CancellationTokenSource(wait);
        try
        {
            var (_, envelope) = await PollAsync(cts.Token);
            return envelope is null || envelope.Payload.ValueKind == JsonValueKind.String;
        }
        catch (OperationCanceledException)
        {
            return true;
        }
    }

    public void Abort() => _aborted.Cancel();

    public ValueTask DisposeAsync()
    {
        _aborted.Cancel();
        _http.Dispose();
        _aborted.Dispose();
        return ValueTask.CompletedTask;
    }
}
