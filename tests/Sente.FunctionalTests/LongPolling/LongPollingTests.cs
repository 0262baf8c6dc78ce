using System.Net;
using System.Text;
using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;
using Sente.Grains;
using Sente.Protocol;

namespace Sente.FunctionalTests.LongPolling;

/// <summary>What only the Ajax transport does: held polls, timeouts, supersede, POST answers.</summary>
[Trait("Category", "Functional")]
public sealed class LongPollingTests(ShortPollServerFixture fixture) : IClassFixture<ShortPollServerFixture>
{
    private SenteServer Server => fixture.Server;

    private async Task<RawAjaxClient> ConnectAsync(string? cookie = null)
    {
        var client = new RawAjaxClient(Server, HandshakeTests.NewClientId(), cookie);
        await client.HandshakeAsync();
        return client;
    }

    [Fact]
    public async Task Poll_NothingToSend_AnsweredChskTimeoutAfterLpTimeout()
    {
        await using var client = await ConnectAsync();

        var started = DateTime.UtcNow;
        var (status, envelope) = await client.PollAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("chsk/timeout", envelope!.Payload.GetString());
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(1900), "held for lp-timeout-ms");
    }

    [Fact]
    public async Task Poll_EventArrivesWhileHeld_AnsweredAtOnce()
    {
        var cookie = await Server.LoginAsync("lp-held");
        await using var client = await ConnectAsync(cookie);
        var poll = client.PollAsync();

        await Server.Cluster.GetGrain<IUserGrain>("lp-held").SendAsync(new SenteEvent("test/n", "1"));
        var (status, envelope) = await poll.DefaultTimeout(TimeSpan.FromMilliseconds(1800));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, envelope!.GetMetaInt64("seq"));
        Assert.Equal("""[["test/n",1]]""", envelope.Payload.GetRawText());
    }

    [Fact]
    public async Task Poll_ResponseLost_NextPollWithSameAckGetsItAgain()
    {
        var cookie = await Server.LoginAsync("lp-lost");
        await using var client = await ConnectAsync(cookie);
        await Server.Cluster.GetGrain<IUserGrain>("lp-lost").SendManyAsync([new SenteEvent("test/n", "1"), new SenteEvent("test/n", "2")]);

        var (_, first) = await client.PollAsync();
        var (_, again) = await client.PollAsync(); // LastSeq not advanced: as if the first answer was lost

        Assert.Equal(first!.Payload.GetRawText(), again!.Payload.GetRawText());
        Assert.Equal(1, again.GetMetaInt64("seq"));
    }

    [Fact]
    public async Task Poll_NewerPollOfSameClient_OlderAnswered204()
    {
        await using var client = await ConnectAsync();
        var older = client.PollAsync();
        await Task.Delay(300); // let the older poll be held first
        var newer = client.PollAsync();

        var (status, _) = await older.DefaultTimeout();

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(HttpStatusCode.OK, (await newer.DefaultTimeout()).Status);
    }

    [Fact]
    public async Task Poll_UnknownClientId_AnsweredWithHandshake()
    {
        await using var client = new RawAjaxClient(Server, HandshakeTests.NewClientId(), null);

        var (status, envelope) = await client.GetAsync(client.Path("&ack=0"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("chsk/handshake", envelope!.Payload[0].GetString());
    }

    [Fact]
    public async Task Poll_InvalidAck_400()
    {
        await using var client = await ConnectAsync();

        var (status, _) = await client.GetAsync(client.Path("&ack=-3"));

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    [Fact]
    public async Task Handshake_SenteSpellingOfHandshakeParameter_Accepted()
    {
        await using var client = new RawAjaxClient(Server, HandshakeTests.NewClientId(), null);

        var (_, envelope) = await client.GetAsync(client.Path("&handshake%3F=1"));

        Assert.Equal("chsk/handshake", envelope!.Payload[0].GetString());
    }

    [Fact]
    public async Task Post_RequestWhoseHandlerNeverReplies_ChskTimeoutAfterLpTimeout()
    {
        await using var client = await ConnectAsync();

        var reply = await client.RequestAsync(TestHandlers.Silent);

        Assert.Equal("chsk/timeout", reply.Payload.GetString());
    }

    [Fact]
    public async Task Post_NoCallback_DummyCallback200AtOnce()
    {
        await using var client = await ConnectAsync();

        var (status, body) = await client.PostAsync("""[["demo/echo",1],null]""");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("""["chsk/dummy-cb-200",null]""", body);
    }

    [Fact]
    public async Task Post_OverSizeLimit_413()
    {
        await using var client = await ConnectAsync();

        var (status, _) = await client.PostAsync("[[\"demo/echo\",\"" + new string('x', 70_000) + "\"],null]");

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("[[\"demo/echo\"],42]")]
    public async Task Post_NotAnEnvelope_400(string body)
    {
        await using var client = await ConnectAsync();

        var (status, text) = await client.PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Malformed message", text);
    }

    [Fact]
    public async Task Post_InvalidUtf8_400()
    {
        await using var client = await ConnectAsync();
        using var http = Server.CreateHttpClient();
        using var content = new ByteArrayContent([0x5b, 0x22, 0xff, 0x22, 0x2c, 0x6e, 0x75, 0x6c, 0x6c, 0x5d]);

        using var response = await http.PostAsync(client.Path(), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Put_405()
    {
        using var http = Server.CreateHttpClient();
        using var response = await http.PutAsync("/chsk?client-id=abc", new StringContent("[]", Encoding.UTF8));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
