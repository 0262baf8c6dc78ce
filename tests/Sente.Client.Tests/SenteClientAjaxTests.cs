using Sente.Client.Tests.Infrastructure;
using Sente.Protocol;
using Sente.Wire;

namespace Sente.Client.Tests;

/// <summary>The Ajax transport's handshake and poll loop against the fake server.</summary>
[Trait("Category", "Unit")]
public sealed class SenteClientAjaxTests
{
    private static SenteEvent Ev(int n) => ClientFixture.Ev("app/n", n);

    private static Task<ClientFixture> StartAjaxAsync(Action<SenteClientOptions>? configure = null) =>
        ClientFixture.StartAsync(o =>
        {
            o.Transport = SenteTransportMode.Ajax;
            configure?.Invoke(o);
        });

    [Fact]
    public async Task Connect_HandshakeGet_CarriesClientIdAndCsrfHeader_AndOpensAsAjax()
    {
        await using var f = await StartAjaxAsync(o =>
        {
            o.CsrfToken = "tok";
            o.Headers["Authorization"] = "Bearer k";
            o.QueryParameters["tenant"] = "t1";
        });
        Assert.Equal(TransportKind.Ajax, f.Client.State.Type);

        var handshake = await f.ConnectAjaxAsync(seq: 0);

        Assert.Equal("GET", handshake.Method);
        Assert.Equal(f.Client.ClientId, handshake.ClientId);
        Assert.Equal("1", handshake.Query["handshake"]);
        Assert.Equal("t1", handshake.Query["tenant"]);
        Assert.Null(handshake.LastSeq);
        Assert.False(handshake.Query.ContainsKey("csrf-token"));
        Assert.Equal("tok", handshake.Headers["X-CSRF-Token"]);
        Assert.Equal("Bearer k", handshake.Headers.Authorization);
        var opened = await f.States.WaitForAsync(c => c.Opened);
        Assert.True(opened.FirstOpen);
        Assert.Equal(TransportKind.Ajax, opened.NewState.Type);
        Assert.True(f.Client.IsOpen);
    }

    [Fact]
    public async Task Connect_RefusedHandshake_ThrowsWithStatus()
    {
        await using var f = await StartAjaxAsync();

        var connect = f.Client.ConnectAsync();
        (await f.Server.NextAjaxHandshakeAsync()).Respond(403);

        var ex = await Assert.ThrowsAsync<SenteConnectException>(() => connect.DefaultTimeout());
        Assert.Equal(403, ex.StatusCode);
        Assert.False(f.Client.IsOpen);
    }

    [Fact]
    public async Task FirstPoll_AcksTheHandshakeSeq()
    {
        await using var f = await StartAjaxAsync();
        var handshake = await f.ConnectAjaxAsync(seq: 5);

        var poll = await f.Server.NextPollAsync();

        Assert.Equal("GET", poll.Method);
        Assert.Equal(f.Client.ClientId, poll.ClientId);
        Assert.Equal("5", poll.Ack);
        Assert.False(poll.Query.ContainsKey("handshake"));
    }

    [Fact]
    public async Task Polls_DeliverBatchesInOrder_DedupeBySeq_AndAckTheLastProcessedSeq()
    {
        await using var f = await StartAjaxAsync();
        await f.ConnectAjaxAsync();

        var first = await f.Server.NextPollAsync();
        Assert.Equal("0", first.Ack);
        first.RespondBatch(1, Ev(1), Ev(2), Ev(3));

        // A lost answer is re-sent from ack + 1: 2 and 3 again, then 4.
        var second = await f.Server.NextPollAsync();
        Assert.Equal("3", second.Ack);
        second.RespondBatch(2, Ev(2), Ev(3), Ev(4));

        var third = await f.Server.NextPollAsync();
        Assert.Equal("4", third.Ack);
        Assert.Equal([1L, 2, 3, 4], f.Events.Items.Select(e => e.Seq));
        Assert.Equal(4, f.Client.LastProcessedSeq);
    }

    [Fact]
    public async Task NextPoll_WaitsForTheHandlers_SoItsAckIsExact()
    {
        await using var f = await StartAjaxAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        f.Client.On("app/slow", async _ =>
        {
            entered.TrySetResult();
            await release.Task;
        });
        await f.ConnectAjaxAsync();

        (await f.Server.NextPollAsync()).RespondBatch(1, ClientFixture.Ev("app/slow", 1));
        await entered.Task.DefaultTimeout();
        var next = f.Server.NextPollAsync();
        Assert.False(next.IsCompleted);
        release.SetResult();

        Assert.Equal("1", (await next).Ack);
    }

    [Fact]
    public async Task ChskTimeout_PollsAgainAtOnce_AndStaysOpen()
    {
        await using var f = await StartAjaxAsync();
        await f.ConnectAjaxAsync(seq: 2);

        (await f.Server.NextPollAsync()).RespondTimeout();
        var again = await f.Server.NextPollAsync();

        Assert.Equal("2", again.Ack);
        Assert.True(f.Client.IsOpen);
        Assert.DoesNotContain(f.States.Items, c => c.Closed);
    }

    [Fact]
    public async Task NoContent_SupersededBySomeoneElse_PollsAgain()
    {
        await using var f = await StartAjaxAsync();
        await f.ConnectAjaxAsync();

        (await f.Server.NextPollAsync()).Respond(204);
        var again = await f.Server.NextPollAsync();
        again.RespondBatch(1, Ev(1));

        await f.Events.WaitForAsync(e => e.Seq == 1);
        Assert.Equal("0", again.Ack);
        Assert.DoesNotContain(f.States.Items, c => c.Closed);
    }

    [Fact]
    public async Task PollAnsweredWithHandshake_ResumedFalse_ReopensWithResumeFailed_AndContinuesAfterMetaSeq()
    {
        await using var f = await StartAjaxAsync();
        await f.ConnectAjaxAsync();
        (await f.Server.NextPollAsync()).RespondBatch(1, Ev(1), Ev(2));

        var poll = await f.Server.NextPollAsync();
        Assert.Equal("2", poll.Ack);
        poll.RespondHandshake(seq: 10, resumed: false);

        var reopened = await f.States.WaitForAsync(c => c.ResumeFailed);
        Assert.False(reopened.FirstOpen);
        var next = await f.Server.NextPollAsync();
        Assert.Equal("10", next.Ack);
        next.RespondBatch(11, Ev(11));
        await f.Events.WaitForAsync(e => e.Seq == 11);
        Assert.Equal(11, f.Client.LastProcessedSeq);
        Assert.DoesNotContain(f.States.Items, c => c.NewState.LastError?.Kind == SenteErrorKind.SeqGap);
    }

    [Fact]
    public async Task PollAnsweredWithHandshake_ServerForgotClient_RestartsAtMetaSeq_AndAsksForResync()
    {
        await using var f = await StartAjaxAsync();
        await f.ConnectAjaxAsync();
        (await f.Server.NextPollAsync()).RespondBatch(1, Ev(1), Ev(2), Ev(3));

        (await f.Server.NextPollAsync()).RespondHandshake(seq: 0);

        await f.States.WaitForAsync(c => c.ResumeFailed);
        var next = await f.Server.NextPollAsync();
        Assert.Equal("0", next.Ack);
        next.RespondBatch(1, ClientFixture.Ev("app/new", 1));
        var delivered = await f.Events.WaitForAsync(e => e.Event.Id == "app/new");
        Assert.Equal(1, delivered.Seq);
    }

    [Fact]
    public async Task PollHttpError_ClosesUnexpected_AndReconnectsWithLastSeq()
    {
        await using var f = await StartAjaxAsync();
        await f.ConnectAjaxAsync();
        (await f.Server.NextPollAsync()).RespondBatch(1, Ev(1));

        (await f.Server.NextPollAsync()).Respond(500);

        var again = await f.Server.NextAjaxHandshakeAsync();
        Assert.Equal("1", again.LastSeq);
        var closed = await f.States.WaitForAsync(c => c.Closed);
        Assert.Equal(SenteCloseReason.Unexpected, closed.NewState.LastClose!.Reason);
        again.RespondHandshake(seq: 1, resumed: true);
        await f.States.WaitForAsync(c => c.Opened && !c.FirstOpen);
        Assert.Equal("1", (await f.Server.NextPollAsync()).Ack);
    }

    [Fact]
    public async Task PollWithoutAnswer_TimesOutAfterLongPollHoldPlusMargin_AndReconnects()
    {
        await using var f = await StartAjaxAsync();
        await f.ConnectAjaxAsync(lpTimeoutMs: 20_000);
        var poll = await f.Server.NextPollAsync();

        // 20 s hold + 10 s margin, well before the 60 s default.
        f.Time.Advance(TimeSpan.FromSeconds(30));

        await poll.Aborted.DefaultTimeout();
        var again = await f.Server.NextAjaxHandshakeAsync();
        Assert.Equal("0", again.LastSeq);
        var closed = await f.States.WaitForAsync(c => c.Closed);
        Assert.Equal(SenteCloseReason.Unexpected, closed.NewState.LastClose!.Reason);
    }

    [Fact]
    public async Task BreakConnection_AbortsThePoll_AndReconnectsAtOnce()
    {
        await using var f = await StartAjaxAsync();
        await f.ConnectAjaxAsync();
        var poll = await f.Server.NextPollAsync();

        f.Client.BreakConnection();

        await poll.Aborted.DefaultTimeout();
        var again = await f.Server.NextAjaxHandshakeAsync();
        Assert.Equal("0", again.LastSeq);
        again.RespondHandshake(seq: 0, resumed: true);
        var reopened = await f.States.WaitForAsync(c => c.Opened && !c.FirstOpen);
        Assert.Equal(TransportKind.Ajax, reopened.NewState.Type);
    }

    [Fact]
    public async Task DisconnectAsync_EndsThePoll_WithRequestedDisconnect()
    {
        await using var f = await StartAjaxAsync();
        await f.ConnectAjaxAsync();
        var poll = await f.Server.NextPollAsync();

        await f.Client.DisconnectAsync().DefaultTimeout();

        await poll.Aborted.DefaultTimeout();
        var closed = await f.States.WaitForAsync(c => c.Closed);
        Assert.Equal(SenteCloseReason.RequestedDisconnect, closed.NewState.LastClose!.Reason);
        Assert.False(f.Client.IsOpen);
    }

    [Fact]
    public async Task NoKeepAlive_AndNoAckPosts_OnAjax()
    {
        await using var f = await StartAjaxAsync();
        await f.ConnectAjaxAsync();
        (await f.Server.NextPollAsync()).RespondBatch(1, Ev(1));
        var poll = await f.Server.NextPollAsync();
        Assert.Equal("1", poll.Ack);

        // Past keep-alive and ack interval: neither a ping nor an ack may be posted.
        f.Time.Advance(TimeSpan.FromSeconds(15));
        Assert.True(await f.Client.SendAsync(ClientFixture.Ev("app/x", 1)));

        var post = await f.Server.NextPostAsync();
        Assert.Equal("app/x", post.EventId);
        post.RespondDummy();
        Assert.True(f.Client.IsOpen);
    }
}
