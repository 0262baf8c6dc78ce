using Microsoft.Extensions.DependencyInjection;
using Sente.FunctionalTests.Infrastructure;
using Sente.Web;

namespace Sente.FunctionalTests.WebSockets;

[Trait("Category", "Functional")]
public sealed class HandshakeDataTests
{
    [Fact]
    public async Task HandshakeDataHook_ItsValueIsTheHandshakesThirdElement()
    {
        await using var server = await SenteServer.StartAsync(configure: builder =>
            builder.Services.Configure<SenteOptions>(o => o.HandshakeData = http => new
            {
                greeting = "hello",
                path = http.Request.Path.Value,
            }));

        await using var socket = await RawSenteSocket.ConnectAsync(server.Chsk(HandshakeTests.NewClientId()));

        var data = socket.Handshake.Payload[1][2];
        Assert.Equal("hello", data.GetProperty("greeting").GetString());
        Assert.Equal("/chsk", data.GetProperty("path").GetString());
    }

    [Fact]
    public async Task ResolveUserIdHook_ReplacesTheUid()
    {
        await using var server = await SenteServer.StartAsync(configure: builder =>
            builder.Services.Configure<SenteOptions>(o => o.ResolveUserId = http => "tenant-7/" + http.Request.Query["client-id"]));

        await using var socket = await RawSenteSocket.ConnectAsync(server.Chsk("tab-1"));

        Assert.Equal("tenant-7/tab-1", socket.Handshake.Payload[1][0].GetString());
    }
}
