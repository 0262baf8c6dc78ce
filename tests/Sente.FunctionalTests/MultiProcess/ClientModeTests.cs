using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;
using Sente.Grains;
using Sente.Protocol;
using Xunit.Abstractions;

namespace Sente.FunctionalTests.MultiProcess;

/// <summary>One silo process and one web node process in Client mode.</summary>
[Trait("Category", "Functional")]
[Collection(MultiProcessCollection.Name)]
public sealed class ClientModeTests(ITestOutputHelper output)
{
    [Fact]
    public Task PushAndRequest_SiloAndWebNodeInSeparateProcesses_EventArrivesWithSeq1AndReplyReturns() => ProcessCluster.RunAsync(output, async cluster =>
    {
        var silo = await cluster.StartSiloAsync("silo");
        var startWeb = cluster.StartWebAsync("web", [silo]);
        var grains = await cluster.ConnectClientAsync([silo]);
        var web = await startWeb;

        var clientId = HandshakeTests.NewClientId();
        await using var socket = await RawSenteSocket.ConnectAsync(web.Chsk(clientId), await web.LoginAsync("mp-alice"));
        Assert.Equal("mp-alice", socket.Handshake.Payload[1][0].GetString());
        Assert.Equal(0, socket.HandshakeSeq);

        // The test process is "any .NET service with an Orleans client": the push comes from the
        // silo's side (grain call through the silo gateway), not through the web node.
        Assert.Equal(1, await grains.GetGrain<IUserGrain>("mp-alice").SendAsync(new SenteEvent("test/x", "1")).DefaultTimeout());

        var received = await socket.ReceiveEventsAsync(1);
        Assert.Equal(1, received.Events[0].Seq);
        Assert.Equal("test/x", received.Events[0].Event[0].GetString());
        Assert.Equal("1", received.Events[0].Event[1].GetRawText());

        // Request/reply: the handler runs in the silo process (web -> stream -> silo), the reply
        // comes back through the web node's observer (silo -> web).
        await socket.SendEventAsync("demo/echo", """{"a":[1,2,{"b":"c"}]}""", "mp1");
        var reply = await socket.ReceiveAsync();
        Assert.Equal("mp1", reply.Callback);
        Assert.Equal("""{"a":[1,2,{"b":"c"}]}""", reply.Payload.GetRawText());
    });
}
