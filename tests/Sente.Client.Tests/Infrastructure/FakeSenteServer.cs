using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sente.Client.Tests.Infrastructure;

/// <summary>
/// A scripted stand-in for the real server: Kestrel on loopback accepts WebSockets on /chsk and
/// hands each one to the test as a <see cref="FakeConnection"/>, which sends what the test says
/// and records what the client sends. Ajax requests on /chsk are held as <see cref="FakeAjaxRequest"/>s
/// (handshakes, polls and POSTs apart) until the test answers them. It implements no protocol logic
/// beyond answering WebSocket pings.
/// </summary>
internal sealed class FakeSenteServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<FakeConnection> _connections = Channel.CreateUnbounded<FakeConnection>();
    private readonly ConcurrentQueue<int> _rejections = new();
    private readonly Channel<IQueryCollection> _rejected = Channel.CreateUnbounded<IQueryCollection>();
    private readonly Channel<FakeAjaxRequest> _handshakes = Channel.CreateUnbounded<FakeAjaxRequest>();
    private readonly Channel<FakeAjaxRequest> _polls = Channel.CreateUnbounded<FakeAjaxRequest>();
    private readonly Channel<FakeAjaxRequest> _posts = Channel.CreateUnbounded<FakeAjaxRequest>();
    private readonly CancellationTokenSource _shutdown = new();

    private FakeSenteServer(WebApplication app) => _app = app;

    public Uri ChskUri { get; private set; } = null!;

    /// <summary>Gets or sets a value indicating whether new connections answer client pings with "pong".</summary>
    public bool AutoPong { get; set; } = true;

    /// <summary>Gets or sets the status every WebSocket upgrade is refused with (null: accept them); Ajax requests still go through.</summary>
    public int? RefuseWebSockets { get; set; }

    public static async Task<FakeSenteServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeSenteServer(app);
        app.UseWebSockets();
        app.Map("/chsk", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.ChskUri = new Uri(address.TrimEnd('/') + "/chsk");
        return server;
    }

    /// <summary>Makes the next request (WebSocket upgrade or Ajax) fail with <paramref name="status"/>.</summary>
    public void RejectNextUpgrade(int status) => _rejections.Enqueue(status);

    public Task<FakeConnection> NextConnectionAsync() => _connections.Reader.ReadAsync().AsTask().DefaultTimeout();

    public Task<IQueryCollection> NextRejectedAsync() => _rejected.Reader.ReadAsync().AsTask().DefaultTimeout();

    /// <summary>Waits for the next Ajax handshake GET (<c>handshake=1</c>).</summary>
    public Task<FakeAjaxRequest> NextAjaxHandshakeAsync() => _handshakes.Reader.ReadAsync().AsTask().DefaultTimeout();

    /// <summary>Waits for the next Ajax poll GET.</summary>
    public Task<FakeAjaxRequest> NextPollAsync() => _polls.Reader.ReadAsync().AsTask().DefaultTimeout();

    /// <summary>Waits for the next Ajax POST.</summary>
    public Task<FakeAjaxRequest> NextPostAsync() => _posts.Reader.ReadAsync().AsTask().DefaultTimeout();

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (_rejections.TryDequeue(out var status))
        {
            context.Response.StatusCode = status;
            _rejected.Writer.TryWrite(context.Request.Query);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            await HandleAjaxAsync(context);
            return;
        }

        if (RefuseWebSockets is { } refused)
        {
            context.Response.StatusCode = refused;
            _rejected.Writer.TryWrite(context.Request.Query);
            return;
        }

        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        var connection = new FakeConnection(context, socket, AutoPong);
        _connections.Writer.TryWrite(connection);
        await connection.RunAsync();
    }

    private async Task HandleAjaxAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var request = new FakeAjaxRequest(context, body.ToArray());
        var queue = HttpMethods.IsPost(request.Method) ? _posts
            : request.Query.ContainsKey("handshake") ? _handshakes
            : _polls;
        queue.Writer.TryWrite(request);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _shutdown.Token);
        try
        {
            var (status, bytes) = await request.Response.WaitAsync(stop.Token);
            if (status == FakeAjaxRequest.ConnectionReset)
            {
                context.Abort();
                return;
            }

            context.Response.StatusCode = status;
            if (bytes is not null)
            {
                context.Response.ContentType = "application/json";
                await context.Response.Body.WriteAsync(bytes, stop.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The client gave up (or the server stops): the test observes it through Aborted.
        }
    }
}
