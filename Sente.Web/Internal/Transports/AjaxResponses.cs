using Microsoft.AspNetCore.Http;
using Sente.Protocol;

namespace Sente.Web.Internal.Transports;

/// <summary>Writes Ajax answers: one JSON envelope per response, or a bare status.</summary>
internal static class AjaxResponses
{
    public static readonly byte[] Timeout = EnvelopeWriter.Control(SenteEventIds.Timeout);
    public static readonly byte[] DummyCallback200 = EnvelopeWriter.Control(SenteEventIds.DummyCallback200);
    public static readonly byte[] Error = EnvelopeWriter.ReservedReply(CallbackReplies.Error, null);

    public static async Task JsonAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        // Proxies and browsers must never serve a poll from cache.
        context.Response.Headers.CacheControl = "no-store";
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    public static Task PlainAsync(HttpContext context, int status, string text)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text, context.RequestAborted);
    }
}
