using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Sente.Client.Internal;
using Sente.Protocol;

namespace Sente.Client.Tests;

[Trait("Category", "Unit")]
public sealed class PendingRequestsTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task Reply_CompletesTheRequest()
    {
        var pending = new PendingRequests(_time);
        var (cb, reply) = pending.Register("app/x", TimeSpan.FromSeconds(1));

        Assert.True(pending.TryComplete(cb, JsonDocument.Parse("""{"n": 1}""").RootElement));

        Assert.Equal(1, (await reply).GetProperty("n").GetInt32());
        Assert.Equal(0, pending.Count);
    }

    [Fact]
    public async Task NoReply_FailsWithTimeout_AndALateReplyIsDropped()
    {
        var pending = new PendingRequests(_time);
        var (cb, reply) = pending.Register("app/x", TimeSpan.FromSeconds(1));

        _time.Advance(TimeSpan.FromSeconds(1));

        var ex = await Assert.ThrowsAsync<SenteRequestException>(() => reply);
        Assert.Equal(CallbackReplies.Timeout, ex.Reason);
        Assert.False(pending.TryComplete(cb, JsonDocument.Parse("1").RootElement));
    }

    [Theory]
    [InlineData(CallbackReplies.Error)]
    [InlineData(CallbackReplies.Closed)]
    [InlineData(CallbackReplies.Timeout)]
    public async Task ReservedReply_FailsWithThatReason(string reserved)
    {
        var pending = new PendingRequests(_time);
        var (cb, reply) = pending.Register("app/x", TimeSpan.FromSeconds(1));

        pending.TryComplete(cb, JsonSerializer.SerializeToElement(reserved));

        Assert.Equal(reserved, (await Assert.ThrowsAsync<SenteRequestException>(() => reply)).Reason);
    }

    [Fact]
    public async Task Close_FailsWaitingAndLaterRequestsWithClosed()
    {
        var pending = new PendingRequests(_time);
        var (_, first) = pending.Register("app/x", TimeSpan.FromSeconds(1));

        pending.Close(CallbackReplies.Closed);
        var (_, later) = pending.Register("app/y", TimeSpan.FromSeconds(1));

        Assert.Equal(CallbackReplies.Closed, (await Assert.ThrowsAsync<SenteRequestException>(() => first)).Reason);
        Assert.Equal(CallbackReplies.Closed, (await Assert.ThrowsAsync<SenteRequestException>(() => later)).Reason);
    }

    [Fact]
    public void CallbackIds_AreUniqueAndWellFormed()
    {
        var pending = new PendingRequests(_time);
        var ids = Enumerable.Range(0, 1000).Select(_ => pending.Register("app/x", TimeSpan.FromSeconds(1)).Callback).ToList();

        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(ProtocolConstants.IsValidCallback(id)));
    }
}
