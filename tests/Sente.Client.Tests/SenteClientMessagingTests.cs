using System.Text.Json;
using Sente.Client.Tests.Infrastructure;
using Sente.Protocol;

namespace Sente.Client.Tests;

/// <summary>Requests, pushed batches, acks, dedupe, gaps and resume against the fake server.</summary>
[Trait("Category", "Unit")]
public sealed class SenteClientMessagingTests
{
    private static SenteEvent Ev(int n) => ClientFixture.Ev("app/n", n);

    [Fact]
    public async Task SendAsync_WritesEventWithoutCallback()
    {
        await using var f = await ClientFixture.StartAsync();
        var connection = await f.ConnectAsync();

        Assert.True(await f.Client.SendAsync(SenteEvent.Create("chat/msg", new { text = "hi" })));

        var sent = await connection.NextEventAsync("chat/msg");
        Assert.Null(sent.Callback);
        Assert.Equal("hi", sent.Payload[1].GetProperty("text").GetString());
    }

    [Fact]
    public async Task SendAsync_ReservedId_Throws()
    {
        await using var f = await ClientFixture.StartAsync();

        await Assert.ThrowsAsync<ArgumentException>(async () => await f.Client.SendAsync(new SenteEvent(SenteEventIds.Ack, "1")));
    }

    [Fact]
    public async Task NotOpen_SendReturnsFalse_AndRequestFailsWithClosed()
    {
        await using var f = await ClientFixture.StartAsync();

        Assert.False(await f.Client.SendAsync(Ev(1)));
        var ex = await Assert.ThrowsAsync<SenteRequestException>(() => f.Client.RequestAsync(Ev(1)));
        Assert.Equal(CallbackReplies.Closed, ex.Reason);
    }

    [Fact]
    public async Task RequestAsync_ReturnsTheReply()
    {
        await using var f = await ClientFixture.StartAsync();
        var connection = await f.ConnectAsync();

        var request = f.Client.RequestAsync(SenteEvent.Create("math/add", new[] { 1, 2 }));
        var sent = await connection.NextEventAsync("math/add");
        await connection.SendAsync(EnvelopeWriter.Reply("""{"sum": 3}""", sent.Callback));

        Assert.Equal(3, (await request.DefaultTimeout()).GetProperty("sum").GetInt32());
    }

    [Fact]
    public async Task RequestAsync_ConcurrentRequests_GetDistinctCallbacksAndTheirOwnReplies()
    {
        await using var f = await ClientFixture.StartAsync();
        var connection = await f.ConnectAsync();

        var a = f.Client.RequestAsync(Ev(1));
        var b = f.Client.RequestAsync(Ev(2));
        var sentA = await connection.NextEventAsync("app/n");
        var sentB = await connection.NextEventAsync("app/n");
        Assert.NotEqual(sentA.Callback, sentB.Callback);
        await connection.SendAsync(EnvelopeWriter.Reply("\"b\"", sentB.Callback));
        await connection.SendAsync(EnvelopeWriter.Reply("\"a\"", sentA.Callback));

        Assert.Equal("a", (await a.DefaultTimeout()).GetString());
        Assert.Equal("b", (await b.DefaultTimeout()).GetString());
    }

    [Fact]
    public async Task RequestAsync_ServerRepliesChskError_FailsWithError()
    {
        await using var f = await ClientFixture.StartAsync();
        var connection = await f.ConnectAsync();

        var request = f.Client.RequestAsync(Ev(1));
        var sent = await connection.NextEventAsync("app/n");
        await connection.SendAsync(EnvelopeWriter.ReservedReply(CallbackReplies.Error, sent.Callback));

        var ex = await Assert.ThrowsAsync<SenteRequestException>(() => request.DefaultTimeout());
        Assert.Equal(CallbackReplies.Error, ex.Reason);
        Assert.Equal("app/n", ex.EventId);
    }

    [Fact]
    public async Task RequestAsync_NoReply_FailsWithTimeout()
    {
        await using var f = await ClientFixture.StartAsync();
        var connection = await f.ConnectAsync();

        var request = f.Client.RequestAsync(Ev(1), TimeSpan.FromSeconds(2));
        await connection.NextEventAsync("app/n");
        f.Time.Advance(TimeSpan.FromSeconds(2));

        var ex = await Assert.ThrowsAsync<SenteRequestException>(() => request.DefaultTimeout());
        Assert.Equal(CallbackReplies.Timeout, ex.Reason);
        Assert.True(f.Client.IsOpen);
    }

    [Fact]
    public async Task RequestAsync_ConnectionDrops_FailsWithClosedAtOnce()
    {
        await using var f = await ClientFixture.StartAsync();
        var connection = await f.ConnectAsync();

        var request = f.Client.RequestAsync(Ev(1), TimeSpan.FromMinutes(5));
        await connection.NextEventAsync("app/n");
        connection.Abort();

        // No clock advance: the failure comes from the drop, not from the 5-minute timeout.
        var ex = await Assert.ThrowsAsync<SenteRequestException>(() => request.DefaultTimeout());
        Assert.Equal(CallbackReplies.Closed, ex.Reason);
    }

    [Fact]
    public async Task RequestAsync_BreakConnection_FailsWithClosedAtOnce()
    {
        await using var f = await ClientFixture.StartAsync();
        var connection = await f.ConnectAsync();
        var request = f.Client.RequestAsync(Ev(1), TimeSpan.FromMinutes(5));
        await connection.NextEventAsync("app/n");

        f.Client.BreakConnection();

        Assert.Equal(CallbackReplies.Closed, (await Assert.ThrowsAsync<SenteRequestException>(() => request.DefaultTimeout())).Reason);
    }

    [Fact]
    public async Task Batches_AreDeliveredInOrderWithSeqs_AndAcked()
    {
        await using var f = await ClientFixture.StartAsync();
        var seen = new List<int>();
        f.Client.On("app/n", e =>
        {
            seen.Add(e.Event.DataAs<int>());
            return ValueTask.CompletedTask;
        });
        var connection = await f.ConnectAsync();

        await connection.SendBatchAsync(1, Ev(1), Ev(2), Ev(3));
        await connection.SendBatchAsync(4, Ev(4), ClientFixture.Ev("app/other", 5));

        Assert.Equal(5, await connection.NextAckAsync(5));
        Assert.Equal([1L, 2, 3, 4, 5], f.Events.Items.Select(e => e.Seq));
        Assert.Equal([1, 2, 3, 4], seen);
        Assert.Equal(5, f.Client.LastProcessedSeq);
    }

    [Fact]
    public async Task Batches_ReplayedSeqsAreDropped()
    {
        await using var f = await ClientFixture.StartAsync();
        var connection = await f.ConnectAsync();

        await connection.SendBatchAsync(1, Ev(1), Ev(2), Ev(3));
        await connection.SendBatchAsync(2, Ev(2), Ev(3), Ev(4));

        await connection.NextAckAsync(4);
        Assert.Equal([1L, 2, 3, 4], f.Events.Items.Select(e => e.Seq));
        Assert.Equal([1, 2, 3, 4], f.Events.Items.Select(e => e.Event.DataAs<int>()));
    }

    [Fact]
    public async Task Batches_GapIsReported_AndLaterEventsStillDelivered()
    {
        await using var f = await ClientFixture.StartAsync();
        var connection = await f.ConnectAsync();

        await connection.SendBatchAsync(1, Ev(1), Ev(2));
        await connection.SendBatchAsync(5, Ev(5), Ev(6));

        var gap = await f.States.WaitForAsync(c => c.NewState.LastError?.Kind == SenteErrorKind.SeqGap);
        Assert.Equal(3, gap.NewState.LastError!.ExpectedSeq);
        Assert.Equal(5, gap.NewState.LastError.ActualSeq);
        await connection.NextAckAsync(6);
        Assert.Equal([1L, 2, 5, 6], f.Events.Items.Select(e => e.Seq));
    }

    [Fact]
    public async Task Batches_InvalidEventArrivesAsBadEvent()
    {
        await using var f = await ClientFixture.StartAsync();
        var connection = await f.ConnectAsync();

        await connection.SendAsync("""[[["app/n", 1], "oops"], null, {"seq": 1}]""");

        await connection.NextAckAsync(2);
        Assert.Equal(SenteEventIds.BadEvent, f.Events.Items[1].Event.Id);
        Assert.Equal("\"oops\"", f.Events.Items[1].Event.DataJson);
    }

    [Fact]
    public async Task Handler_SlowOrFailing_DoesNotStopDelivery()
    {
        await using var f = await ClientFixture.StartAsync();
        f.Client.On("app/n", e => e.Seq == 1 ? throw new InvalidOperationException("boom") : ValueTask.CompletedTask);
        var connection = await f.ConnectAsync();

        await connection.SendBatchAsync(1, Ev(1), Ev(2));

        await connection.NextAckAsync(2);
        Assert.Equal([1L, 2], f.Events.Items.Select(e => e.Seq));
    }

    [Fact]
    public async Task Acks_WithoutPerBatchAcks_ComeEveryAckInterval()
    {
        await using var f = await ClientFixture.StartAsync(o => o.AckEachBatch = false);
        var connection = await f.ConnectAsync();
        await connection.SendBatchAsync(1, Ev(1), Ev(2), Ev(3));
        await connection.SendBatchAsync(4, Ev(4));

        // Seq 4's handler running means seq 3 was processed.
        await f.Events.WaitForAsync(e => e.Seq == 4);
        f.Time.Advance(TimeSpan.FromSeconds(1));

        var acked = await connection.NextAckAsync(3);
        Assert.InRange(acked, 3, 4);
        Assert.Single(connection.All, e => FakeConnection.EventId(e) == SenteEventIds.Ack);
    }

    [Fact]
    public async Task Resume_Reconnect_SendsLastSeq_AndDropsReplays()
    {
        await using var f = await ClientFixture.StartAsync();
        var first = await f.ConnectAsync(seq: 10);
        await first.SendBatchAsync(11, Ev(11), Ev(12));
        await first.NextAckAsync(12);

        first.Abort();
        var second = await f.AcceptReconnectAsync(seq: 12, resumed: true);
        await second.SendBatchAsync(11, Ev(11), Ev(12), Ev(13));

        Assert.Equal("12", second.LastSeq);
        Assert.Equal(13, await second.NextAckAsync(13));
        Assert.Equal([11L, 12, 13], f.Events.Items.Select(e => e.Seq));
        Assert.DoesNotContain(f.States.Items, c => c.NewState.LastError?.Kind == SenteErrorKind.SeqGap);
    }

    [Fact]
    public async Task Resume_ResumedFalse_SignalsResync_AndContinuesFromMetaSeq()
    {
        await using var f = await ClientFixture.StartAsync();
        var first = await f.ConnectAsync();
        await first.SendBatchAsync(1, Ev(1), Ev(2));
        await first.NextAckAsync(2);

        f.Client.BreakConnection();
        var second = await f.AcceptReconnectAsync(seq: 40, resumed: false);
        await second.SendBatchAsync(41, Ev(41), Ev(42));

        Assert.Equal("2", second.LastSeq);
        var reopened = await f.States.WaitForAsync(c => c.Opened && !c.FirstOpen);
        Assert.True(reopened.ResumeFailed);
        Assert.False(reopened.NewState.Resumed);
        Assert.Equal(40, reopened.NewState.Seq);
        await second.NextAckAsync(42);
        Assert.Equal([1L, 2, 41, 42], f.Events.Items.Select(e => e.Seq));
        Assert.DoesNotContain(f.States.Items, c => c.NewState.LastError?.Kind == SenteErrorKind.SeqGap);
    }

    [Fact]
    public async Task ResumeFromSeq_FirstConnectionSendsIt()
    {
        await using var f = await ClientFixture.StartAsync(o => o.ResumeFromSeq = 7);

        var connection = await f.ConnectAsync(seq: 7, resumed: true);
        await connection.SendBatchAsync(7, Ev(7), Ev(8));

        Assert.Equal("7", connection.LastSeq);
        await connection.NextAckAsync(8);
        Assert.Equal([8L], f.Events.Items.Select(e => e.Seq));
    }

    [Fact]
    public async Task ServerErrorNotice_IsSurfacedAsLastError()
    {
        await using var f = await ClientFixture.StartAsync();
        var connection = await f.ConnectAsync();

        await connection.SendAsync(EnvelopeWriter.Notice(new SenteEvent(SenteEventIds.Error, JsonSerializer.Serialize(new { reason = "rate" }))));

        var change = await f.States.WaitForAsync(c => c.NewState.LastError?.Kind == SenteErrorKind.ServerNotice);
        Assert.True(change.NewState.Open);
    }
}
