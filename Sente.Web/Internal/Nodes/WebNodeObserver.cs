using Sente.Grains;
using Sente.Protocol;
using Sente.Web.Internal.Connections;
using Sente.Wire;

namespace Sente.Web.Internal.Nodes;

/// <summary>Receives deliveries and replies from grains and hands them to this node's connections.</summary>
internal sealed class WebNodeObserver(LocalConnectionRegistry registry) : IWebNodeObserver
{
    public Task<bool> DeliverAsync(string connectionId, long firstSeq, SenteEvent[] events) =>
        Task.FromResult(registry.TryGet(connectionId, out var connection) && connection.TryDeliver(firstSeq, events));

    public Task<bool[]> DeliverManyAsync(NodeDelivery[] deliveries)
    {
        var held = new bool[deliveries.Length];
        for (var i = 0; i < deliveries.Length; i++)
        {
            var d = deliveries[i];
            held[i] = registry.TryGet(d.ConnectionId, out var connection) && connection.TryDeliver(d.FirstSeq, d.Events);
        }

        return Task.FromResult(held);
    }

    public Task ReplyAsync(string connectionId, string callback, string replyJson)
    {
        if (registry.TryGet(connectionId, out var connection))
        {
            // An Ajax POST's callback is implicit: its reply is the response body [reply, null].
            connection.Send(EnvelopeWriter.Reply(replyJson, connection.IsAjaxPost ? null : callback));
        }

        return Task.CompletedTask;
    }

    public Task CloseAsync(string connectionId, string reason)
    {
        if (registry.TryGet(connectionId, out var connection))
        {
            connection.Close(1013, reason, ConnectionEndReasonNames.FromGrainReason(reason));
        }

        return Task.CompletedTask;
    }
}
