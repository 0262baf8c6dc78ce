using Microsoft.Extensions.Time.Testing;
using Sente.Protocol;

namespace Sente.Client.Tests.Infrastructure;

/// <summary>A client wired to a fake server, a fake clock and recorders for states and events.</summary>
internal sealed class ClientFixture : IAsyncDisposable
{
    private ClientFixture(FakeSenteServer server, SenteClient client, FakeTimeProvider time)
    {
        Server = server;
        Client = client;
        Time = time;
        client.StateChanged += (_, change) => States.Add(change);
        client.OnAny(e =>
        {
            Events.Add(e);
            return ValueTask.CompletedTask;
        });
    }

    public FakeSenteServer Server { get; }

    public SenteClient Client { get; }

    public FakeTimeProvider Time { get; }

    public Recorder<SenteStateChange> States { get; } = new();

    public Recorder<ReceivedEvent> Events { get; } = new();

    public static async Task<ClientFixture> StartAsync(Action<SenteClientOptions>? configure = null, Action<FakeSenteServer>? configureServer = null)
    {
        var server = await FakeSenteServer.StartAsync();
        configureServer?.Invoke(server);
        var time = new FakeTimeProvider();
        var options = new SenteClientOptions { Uri = server.ChskUri, TimeProvider = time };
        configure?.Invoke(options);
        return new ClientFixture(server, new SenteClient(options), time);
    }

    /// <summary>Connects, answering with a handshake; returns the server side of the connection.</summary>
    public async Task<FakeConnection> ConnectAsync(long seq = 0, bool? resumed = null, string uid = "alice", string? dataJson = null)
    {
        var connect = Client.ConnectAsync();
        var connection = await Server.NextConnectionAsync();
        await connection.SendHandshakeAsync(uid, dataJson, seq, resumed);
        await connect.DefaultTimeout();
        return connection;
    }

    /// <summary>Accepts the client's next (re)connection and answers it with a handshake.</summary>
    public async Task<FakeConnection> AcceptReconnectAsync(long seq, bool? resumed)
    {
        var connection = await Server.NextConnectionAsync();
        await connection.SendHandshakeAsync(seq: seq, resumed: resumed);
        return connection;
    }

    /// <summary>Connects over Ajax (or auto after a refused upgrade), answering the handshake GET; returns that request.</summary>
    public async Task<FakeAjaxRequest> ConnectAjaxAsync(long seq = 0, bool? resumed = null, long? lpTimeoutMs = null)
    {
        var connect = Client.ConnectAsync();
        var handshake = await Server.NextAjaxHandshakeAsync();
        handshake.RespondHandshake(seq: seq, resumed: resumed, lpTimeoutMs: lpTimeoutMs);
        await connect.DefaultTimeout();
        return handshake;
    }

    public static SenteEvent Ev(string id, int n) => new(id, n.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        await Server.DisposeAsync();
    }
}
