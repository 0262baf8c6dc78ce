using System.Text.Json;
using Sente.Protocol;

namespace Sente.Client.Internal;

/// <summary>What the transport may ask of its connection (<see cref="ITransportHost"/>).</summary>
internal sealed partial class ClientConnection
{
    long ITransportHost.LastProcessedSeq => _owner.LastProcessedSeq;

    Task ITransportHost.WhenDispatchedAsync(CancellationToken cancellationToken) =>
        _owner.WhenDispatchedAsync().WaitAsync(cancellationToken);

    void ITransportHost.OnReply(string callback, JsonElement value)
    {
        if (!Pending.TryComplete(callback, value))
        {
            Log.ReplyWithoutRequest(_logger, callback);
        }
    }

    void ITransportHost.OnSendFailed(string? callback, string reply, string eventId, int? statusCode, string detail, Exception? exception)
    {
        Log.EventRefused(_logger, eventId, statusCode, detail);
        if (callback is not null)
        {
            Pending.Fail(callback, reply, detail, statusCode, exception);
        }

        _owner.OnProblem(this, new SenteClientError(_time.GetUtcNow(), SenteErrorKind.Transport, $"Sending '{eventId}' failed: {detail}.", exception));
    }
}
