using System.Text.Json;
using Sente.Protocol;

namespace Sente.Client.Internal;

/// <summary>A server → client message, classified (PROTOCOL.md sections 3 and 4).</summary>
internal abstract record InboundMessage;

/// <summary><c>[["chsk/handshake", [uid, null, data]], null, meta]</c>.</summary>
internal sealed record HandshakeMessage(string Uid, JsonElement? Data, long Seq, bool? Resumed, long? KaliveMs) : InboundMessage;

/// <summary><c>[[ev…], null, {"seq": first}]</c>.</summary>
internal sealed record BatchMessage(long FirstSeq, IReadOnlyList<SenteEvent> Events) : InboundMessage;

/// <summary><c>[reply, cb]</c>, including <c>["pong", cb]</c>.</summary>
internal sealed record ReplyMessage(string Callback, JsonElement Value) : InboundMessage;

/// <summary><c>["chsk/ws-ping", null]</c>.</summary>
internal sealed record ServerPingMessage : InboundMessage;

/// <summary>A reserved control event such as <c>[["chsk/error", data], null]</c>.</summary>
internal sealed record NoticeMessage(SenteEvent Event) : InboundMessage;

/// <summary>A message the client drops: <see cref="Reason"/> says why (for the log, no payload).</summary>
internal sealed record InvalidMessage(string Reason) : InboundMessage;
