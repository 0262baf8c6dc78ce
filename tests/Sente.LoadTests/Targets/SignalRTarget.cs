using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Sente.LoadTests.Hosting;
using Sente.LoadTests.Measurement;

namespace Sente.LoadTests.Targets;

/// <summary>
/// The baseline: a minimal SignalR hub server (tests/Sente.LoadTests/SignalRBaseline), WebSockets
/// only with <c>SkipNegotiation</c>. A user is a group; pushes come from a driver connection that
/// invokes <c>Push</c> (one hop into the server, as the Orleans client's grain call is for Sente).
/// </summary>
public sealed class SignalRTarget(RepoPaths paths) : IBenchTarget
{
    private ServerProcess? _server;
    private Uri? _hub;

    public string Name => "SignalR hub";

    public IReadOnlyList<ServerProcess> Processes => _server is null ? [] : [_server];

    public IReadOnlyList<string> PushPaths { get; } = ["hub"];

    public string EchoPath => "InvokeAsync Echo";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        paths.EnsureBuilt(paths.SignalRBaseline);
        var baseUri = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
        _server = ServerProcess.Start("SignalR baseline", paths.SignalRBaseline, [$"--urls={baseUri}"]);
        await _server.WaitForHttpAsync(new Uri(baseUri, "/healthz"), TimeSpan.FromSeconds(60));
        _hub = new Uri(baseUri, "/hub");
    }

    public async Task<IBenchClient> ConnectAsync(string user, PushSink sink, CancellationToken cancellationToken)
    {
        var connection = await OpenAsync(cancellationToken);
        connection.On<long, int>("evt", (sentAt, _) => sink.Received(PushSink.Now(), sentAt));
        await connection.InvokeAsync("Join", user, cancellationToken);
        return new SignalRBenchClient(connection);
    }

    public IPushDriver CreatePushDriver(string path) => new HubPushDriver(OpenAsync(CancellationToken.None));

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<HubConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(_hub!, o =>
            {
                o.Transports = HttpTransportType.WebSockets;
                o.SkipNegotiation = true;
            })
            .Build();
        await connection.StartAsync(cancellationToken);
        return connection;
    }

    private sealed class SignalRBenchClient(HubConnection connection) : IBenchClient
    {
        public Task EchoAsync(int value, CancellationToken cancellationToken) =>
            connection.InvokeAsync<int>("Echo", value, cancellationToken);

        public ValueTask DisposeAsync() => connection.DisposeAsync();
    }

    private sealed class HubPushDriver(Task<HubConnection> connecting) : IPushDriver
    {
        public string Description => "hub Push → Clients.Group(user).SendAsync (driver connection)";

        public async Task PushAsync(string user, int index)
        {
            var connection = await connecting;
            var sentAt = PushSink.Now();
            await connection.InvokeAsync("Push", user, sentAt, index);
        }

        public async ValueTask DisposeAsync() => await (await connecting).DisposeAsync();
    }
}
