using Sente.Client.Tests.Infrastructure;
using Sente.Protocol;

namespace Sente.Client.Tests;

/// <summary>Ajax sends and requests (one POST each) against the fake server.</summary>
[Trait("Category", "Unit")]
public sealed class SenteClientAjaxSendTests
{
    private static SenteEvent Ev(int n) => ClientFixture.Ev("app/n", n);

    private static async Task<ClientFixture> StartOpenAsync()
    {
        var f = await ClientFixture.StartAsync(o =>
        {
            o.Transport = SenteTransportMode.Ajax;
            o.CsrfToken = "tok";
        });
        await f.ConnectAjaxAsync();
        return f;
    }

    [Fact]
    public async Task SendAsync_PostsTheEventWithoutCallback()
    {
        await using var f = await StartOpenAsync();

        Assert.True(await f.Client.SendAsync(SenteEvent.Create("chat/msg", new { text = "hi" })));

        var post = await f.Server.NextPostAsync();
        Assert.Equal("POST", post.Method);
        Assert.Equal(f.Client.ClientId, post.ClientId);
        Assert.Equal("application/json", post.ContentType);
        Assert.Equal("tok", post.Headers["X-CSRF-Token"]);
        Assert.Equal("chat/msg", post.EventId);
        Assert.Null(post.Body!.Callback);
        Assert.Equal("hi", post.Data.GetProperty("text").GetString());
        post.RespondDummy();
    }

    [Fact]
    public async Task RequestAsync_PostsWithAjaxCallback_AndReturnsTheReply()
    {
        await using var f = await StartOpenAsync();

        var request = f.Client.RequestAsync(SenteEvent.Create("math/add", new[] { 1, 2 }));
        var post = await f.Server.NextPostAsync();
        Assert.Equal(ProtocolConstants.AjaxCallback, post.Body!.Callback);
        post.RespondReply("""{"sum": 3}""");

        Assert.Equal(3, (await request.DefaultTimeout()).GetProperty("sum").GetInt32());
    }

    [Fact]
    public async Task RequestAsync_SeveralInFlight_EachGetsItsOwnReply()
    {
        await using var f = await StartOpenAsync();

        var a = f.Client.RequestAsync(Ev(1));
        var b = f.Client.RequestAsync(Ev(2));
        var first = await f.Server.NextPostAsync();
        var second = await f.Server.NextPostAsync();
        var (postA, postB) = first.Data.GetInt32() == 1 ? (first, second) : (second, first);
        postB.RespondReply("\"b\"");
        Assert.Equal("b", (await b.DefaultTimeout()).GetString());
        postA.RespondReply("\"a\"");

        Assert.Equal("a", (await a.DefaultTimeout()).GetString());
    }

    [Theory]
    [InlineData(CallbackReplies.Timeout)]
    [InlineData(CallbackReplies.Error)]
    public async Task RequestAsync_ServerAnswersReservedReply_FailsWithIt(string reply)
    {
        await using var f = await StartOpenAsync();

        var request = f.Client.RequestAsync(Ev(1));
        var post = await f.Server.NextPostAsync();
        if (reply == CallbackReplies.Timeout)
        {
            post.RespondTimeout();
        }
        else
        {
            post.RespondReservedReply(reply);
        }

        var ex = await Assert.ThrowsAsync<SenteRequestException>(() => request.DefaultTimeout());
        Assert.Equal(reply, ex.Reason);
        Assert.True(f.Client.IsOpen);
    }

    [Fact]
    public async Task RequestAsync_NoReplyInTime_FailsWithTimeout()
    {
        await using var f = await StartOpenAsync();

        var request = f.Client.RequestAsync(Ev(1), TimeSpan.FromSeconds(2));
        await f.Server.NextPostAsync();
        f.Time.Advance(TimeSpan.FromSeconds(2));

        var ex = await Assert.ThrowsAsync<SenteRequestException>(() => request.DefaultTimeout());
        Assert.Equal(CallbackReplies.Timeout, ex.Reason);
        Assert.True(f.Client.IsOpen);
    }

    [Fact]
    public async Task RequestAsync_PayloadTooLarge_FailsWithErrorAndStatus413_AndStaysOpen()
    {
        await using var f = await StartOpenAsync();

        var request = f.Client.RequestAsync(Ev(1));
        (await f.Server.NextPostAsync()).Respond(413);

        var ex = await Assert.ThrowsAsync<SenteRequestException>(() => request.DefaultTimeout());
        Assert.Equal(CallbackReplies.Error, ex.Reason);
        Assert.Equal(413, ex.StatusCode);
        Assert.Contains("413", ex.Message);
        Assert.Equal("app/n", ex.EventId);
        Assert.True(f.Client.IsOpen);
    }

    [Fact]
    public async Task RequestAsync_ConnectionResetWithoutAnswer_FailsWithClosedNotError()
    {
        await using var f = await StartOpenAsync();

        var request = f.Client.RequestAsync(Ev(1));
        (await f.Server.NextPostAsync()).ResetConnection();

        var ex = await Assert.ThrowsAsync<SenteRequestException>(() => request.DefaultTimeout());
        Assert.Equal(CallbackReplies.Closed, ex.Reason);
        Assert.Null(ex.StatusCode);
    }

    [Fact]
    public async Task SendAsync_PayloadTooLarge_IsReportedAsLastError()
    {
        await using var f = await StartOpenAsync();

        Assert.True(await f.Client.SendAsync(Ev(1)));
        (await f.Server.NextPostAsync()).Respond(413);

        var change = await f.States.WaitForAsync(c => c.NewState.LastError?.Kind == SenteErrorKind.Transport);
        Assert.Contains("413", change.NewState.LastError!.Message);
        Assert.True(f.Client.IsOpen);
    }

    [Fact]
    public async Task RequestInFlight_BreakConnection_FailsWithClosedAtOnce()
    {
        await using var f = await StartOpenAsync();

        var request = f.Client.RequestAsync(Ev(1), TimeSpan.FromMinutes(5));
        var post = await f.Server.NextPostAsync();
        f.Client.BreakConnection();

        // No clock advance: the failure comes from the break, not from the 5-minute timeout.
        var ex = await Assert.ThrowsAsync<SenteRequestException>(() => request.DefaultTimeout());
        Assert.Equal(CallbackReplies.Closed, ex.Reason);
        await post.Aborted.DefaultTimeout();
    }
}
