using Sente.Protocol;

namespace Sente.Web.Internal.Connections;

/// <summary>Something a connection's writer must send, in the order it was queued.</summary>
internal abstract record OutboundMessage;

/// <summary>A ready-made message: a reply, a pong, a ping, a notice.</summary>
internal sealed record RawMessage(byte[] Utf8) : OutboundMessage;

/// <summary>Pushed events with consecutive seqs, from the user grain; the writer may merge several into one batch.</summary>
internal sealed record EventDelivery(long FirstSeq, SenteEvent[] Events) : OutboundMessage;

/// <summary>Close the connection with a WebSocket close code.</summary>
internal sealed record CloseMessage(int Code, string Reason) : OutboundMessage;
