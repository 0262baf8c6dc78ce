using System.Globalization;
using System.Net;
using Sente.Client;
using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;
using Sente.Grains;
using Sente.Protocol;

namespace Sente.FunctionalTests.Client;

/// <summary>Sente.Client against the real server (embedded default on Kestrel).</summary>
[Trait("Category", "Functional")]
public sealed class SenteClientTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private SenteServer Server => fixture.Server;

    private async Task<SenteClient> ConnectAsync(string? user = null, string? clientId = null)
    {
        var options = new SenteClientOptions { Uri = Server.ChskUri, ClientId = clientId ?? HandshakeTests.NewClientId() };
        if (user is not null)
        {
            var (cookies, token) = await CsrfTokens.FetchAsync(Server.ChskUri, await Server.LoginAsync(user));
            options.CsrfToken = token;
            options.Cookies = new CookieContainer();
            foreach (var cookie in cookies.Split("; "))
            {
                var (name, value) = (cookie[..cookie.IndexOf('=')], cookie[(cookie.IndexOf('=') + 1)..]);
                options.Cookies.Add(new Cookie(name, value, "/", Server.BaseUri.Host));
            }
        }

        var client = new SenteClient(options);
        await client.ConnectAsync().DefaultTimeout();
        return client;
    }

    [Fact]
    public async Task Request_Echo_ReturnsData()
    {
        await using var client = await ConnectAsync();

        var reply = await client.RequestAsync(new SenteEvent("demo/echo", """{"n":42}"""), TimeSpan.FromSeconds(5));

        Assert.Equal(42, reply.GetProperty("n").GetInt32());
    }

    [Fact]
    public async Task Request_NoReply_FailsWithChskTimeout()
    {
        await using var client = await ConnectAsync();

        var error = await Assert.ThrowsAsync<SenteRequestException>(
            () => client.RequestAsync(new SenteEvent(TestHandlers.Silent), TimeSpan.FromMilliseconds(300)).DefaultTimeout());

        Assert.Equal(CallbackReplies.Timeout, error.Reason);
    }

    [Fact]
    public async Task Request_InFlightWhenConnectionDrops_FailsWithChskClosedPromptly()
    {
        await using var client = await ConnectAsync();

        var pending = client.RequestAsync(new SenteEvent(TestHandlers.Silent), TimeSpan.FromSeconds(30));
        client.BreakConnection();

        var error = await Assert.ThrowsAsync<SenteRequestException>(() => pending.DefaultTimeout(TimeSpan.FromSeconds(2)));
        Assert.Equal(CallbackReplies.Closed, error.Reason);
    }

    [Fact]
    public async Task Request_UnknownEvent_FailsWithChskError()
    {
        await using var client = await ConnectAsync();

        var error = await Assert.ThrowsAsync<SenteRequestException>(
            () => client.RequestAsync(new SenteEvent("nobody/home"), TimeSpan.FromSeconds(5)).DefaultTimeout());

        Assert.Equal(CallbackReplies.Error, error.Reason);
    }

    [Fact]
    public async Task BrokenTwiceWhile1000EventsPushed_ClientResumesAndHandlesEachExactlyOnceInOrder()
    {
        await using var client = await ConnectAsync("client-resume");
        await BreakingStream.RunAsync(Server, client, "client-resume", TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task TwoClientsOfOneUser_BothHandleAPush()
    {
        await using var tab1 = await ConnectAsync("client-tabs");
        await using var tab2 = await ConnectAsync("client-tabs");
        var got1 = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var got2 = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        tab1.On("chat/msg", e => { got1.TrySetResult(e.Event.DataJson); return ValueTask.CompletedTask; });
        tab2.On("chat/msg", e => { got2.TrySetResult(e.Event.DataJson); return ValueTask.CompletedTask; });

        Assert.Equal(2, await Server.Cluster.GetGrain<IUserGrain>("client-tabs").SendAsync(new SenteEvent("chat/msg", "\"hi\"")));

        Assert.Equal("\"hi\"", await got1.Task.DefaultTimeout());
        Assert.Equal("\"hi\"", await got2.Task.DefaultTimeout());
    }
}
