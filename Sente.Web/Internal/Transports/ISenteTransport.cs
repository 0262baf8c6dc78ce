using Microsoft.AspNetCore.Http;

namespace Sente.Web.Internal.Transports;

/// <summary>
/// One transport: moves messages between an <see cref="HttpContext"/> and a connection's queue.
/// It decides nothing about who may connect (the dispatcher did that).
/// </summary>
internal interface ISenteTransport
{
    /// <summary>Serves one accepted request until the connection (or poll) ends.</summary>
    Task ProcessRequestAsync(HttpContext context, SenteRequest request);
}
