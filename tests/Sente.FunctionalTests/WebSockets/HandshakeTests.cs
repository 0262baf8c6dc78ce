using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Sente.FunctionalTests.Infrastructure;
using Sente.Protocol;

namespace Sente.FunctionalTests.WebSockets;

[Trait("Category", "Functional")]
public sealed class HandshakeTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private SenteServer Server => fixture.Server;

    [Fact]
    public async Task Connect_Anonymous_HandshakeHasNilUidNullCsrfAndMeta()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(NewClientId()));

        var payload = socket.Handshake.Payload;
        Assert.Equal("chsk/handshake", payload[0].GetString());
        var data = payload[1];
        Assert.Equal(3, data.GetArrayLength());
        Assert.Equal(ProtocolConstants.NilUid, data[0].GetString());
        Assert.Equal(JsonValueKind.Null, data[1].ValueKind);
        Assert.Null(socket.Handshake.Callback);
        Assert.Equal(1, socket.Handshake.GetMetaInt64("v"));
        Assert.Equal(0, socket.Handshake.GetMetaInt64("seq"));
        Assert.Null(socket.Handshake.GetMetaBoolean("resumed"));
        Assert.Equal(12500, socket.Handshake.GetMetaInt64("kalive-ms"));
        Assert.Equal(20000, socket.Handshake.GetMetaInt64("lp-timeout-ms"));
    }

    [Fact]
    public async Task Connect_LoggedIn_HandshakeCarriesUidFromAuthentication()
    {
        var cookie = await Server.LoginAsync("alice-hs");
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(NewClientId()), cookie);

        Assert.Equal("alice-hs", socket.Handshake.Payload[1][0].GetString());
    }

    [Fact]
    public async Task Connect_NewClientWithLastSeqZero_ResumedTrue()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(NewClientId(), lastSeq: 0));

        Assert.Equal(0, socket.HandshakeSeq);
        Assert.True(socket.Handshake.GetMetaBoolean("resumed"));
    }

    [Fact]
    public async Task Connect_UnknownClientWithLastSeq_StartsAfterItWithResumedFalse()
    {
        // The server has no memory of this client (e.g. state lost): it must not reuse seqs the client saw.
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(NewClientId(), lastSeq: 41));

        Assert.False(socket.Handshake.GetMetaBoolean("resumed"));
        Assert.True(socket.HandshakeSeq > 41);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("x1234567890123456789012345678901234567890123456789012345678901234")]
    public async Task Connect_InvalidClientId_400BeforeUpgrade(string clientId)
    {
        using var socket = new ClientWebSocket();
        var uri = new UriBuilder(Server.ChskUri) { Query = "client-id=" + Uri.EscapeDataString(clientId) }.Uri;
        var error = await Assert.ThrowsAsync<WebSocketException>(() => socket.ConnectAsync(uri, CancellationToken.None).DefaultTimeout());
        Assert.Contains("400", error.Message);

        using var http = Server.CreateHttpClient();
        using var response = await http.GetAsync("/chsk?client-id=" + Uri.EscapeDataString(clientId));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Missing or invalid client-id", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Connect_MissingClientId_400()
    {
        using var http = Server.CreateHttpClient();
        using var response = await http.GetAsync("/chsk");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    internal static string NewClientId() => "c-" + Guid.NewGuid().ToString("N")[..12];
}
