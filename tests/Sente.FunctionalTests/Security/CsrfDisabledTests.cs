using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;

namespace Sente.FunctionalTests.Security;

/// <summary>A server with <c>Sente:Csrf:Enabled=false</c>, recording its logs.</summary>
public sealed class CsrfDisabledServerFixture : IAsyncLifetime
{
    public RecordingLoggerProvider Logs { get; } = new();

    public SenteServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await SenteServer.StartAsync(
        new Dictionary<string, string?> { ["Sente:Csrf:Enabled"] = "false" },
        builder => builder.Logging.AddProvider(Logs));

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[Trait("Category", "Functional")]
public sealed class CsrfDisabledTests(CsrfDisabledServerFixture fixture) : IClassFixture<CsrfDisabledServerFixture>
{
    private SenteServer Server => fixture.Server;

    [Fact]
    public async Task WebSocket_CsrfDisabledCookieWithoutToken_HandshakeOk()
    {
        var cookie = await Server.LoginAsync("no-csrf");

        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), cookie, csrf: false);

        Assert.Equal("no-csrf", socket.Handshake.Payload[1][0].GetString());
    }

    [Fact]
    public void Startup_CsrfDisabled_WarningLogged()
    {
        Assert.Contains(fixture.Logs.Entries, e => e.Level == LogLevel.Warning && e.EventId.Name == "CsrfDisabled");
    }

    [Fact]
    public async Task WebSocket_CsrfDisabledForeignOrigin_StillRefused()
    {
        var status = await SecurityClient.UpgradeAsync(Server.Chsk(HandshakeTests.NewClientId()), await Server.LoginAsync("no-csrf-evil"), origin: "http://evil.com");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, status);
    }
}
