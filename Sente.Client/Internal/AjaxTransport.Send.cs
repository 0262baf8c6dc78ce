using System.Net.Http.Headers;
using Sente.Protocol;

namespace Sente.Client.Internal;

/// <summary>
/// Ajax sends: one POST per event, several in flight at once. Without a reply wanted the body is
/// <c>[[id, data], null]</c> (answer <c>["chsk/dummy-cb-200", null]</c>); with one it is
/// <c>[[id, data], "ajax"]</c> and the answer <c>[reply, null]</c> goes to the request by its
/// callback id (<c>"chsk/timeout"</c> and <c>"chsk/error"</c> fail it). A refused POST fails its
/// request with <c>chsk/error</c> and the HTTP status; the poll loop alone decides about the connection.
/// </summary>
internal sealed partial class AjaxTransport
{
    private static readonly TimeSpan FlushTimeout = TimeSpan.FromSeconds(1);
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly Dictionary<Task, bool> _posts = [];

    public ValueTask SendAsync(SenteEvent evt, string? callback, CancellationToken cancellationToken)
    {
        var post = PostAsync(evt, callback);
        lock (_posts)
        {
            _posts.Add(post, callback is not null);
        }

        post.ContinueWith(
            static (done, state) =>
            {
                var posts = (Dictionary<Task, bool>)state!;
                lock (posts)
                {
                    posts.Remove(done);
                }
            },
            _posts,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
        return ValueTask.CompletedTask;
    }

    private async Task PostAsync(SenteEvent evt, string? callback)
    {
        await Task.Yield();
        var request = NewRequest(HttpMethod.Post, _sendUri);
        request.Content = new ByteArrayContent(EnvelopeWriter.ClientEvent(evt, callback is null ? null : ProtocolConstants.AjaxCallback));
        request.Content.Headers.ContentType = Json;
        try
        {
            var (status, envelope) = await SendRequestAsync(request, _cts.Token).ConfigureAwait(false);
            if (status == StatusCodes.PayloadTooLarge)
            {
                _host.OnSendFailed(callback, CallbackReplies.Error, evt.Id, status, "the server refused the event as too large (HTTP 413)", null);
            }
            else if (status is < 200 or > 299)
            {
                _host.OnSendFailed(callback, CallbackReplies.Error, evt.Id, status, $"the server refused the event with HTTP {status}", null);
            }
            else if (callback is not null && envelope is null)
            {
                _host.OnSendFailed(callback, CallbackReplies.Error, evt.Id, status, "the answer is not an envelope", null);
            }
            else if (callback is not null)
            {
                _host.OnReply(callback, envelope!.Payload);
            }
        }
        catch (OperationCanceledException) when (_cts.IsCancellationRequested)
        {
            // The connection ended: its requests already failed with chsk/closed.
        }
        catch (Exception ex)
        {
            // No HTTP answer at all: the request's connection dropped (chsk/closed, as on a dropped
            // WebSocket) or took too long (chsk/timeout). chsk/error is for answers the server gave.
            var (reply, detail) = ex is TimeoutException ? (CallbackReplies.Timeout, "no answer in time") : (CallbackReplies.Closed, "the request failed");
            _host.OnSendFailed(callback, reply, evt.Id, null, detail, ex);
        }
    }

    private Task WhenPostsWithoutReplyDoneAsync()
    {
        lock (_posts)
        {
            return Task.WhenAll(_posts.Where(p => !p.Value).Select(p => p.Key).ToArray());
        }
    }

    private Task WhenAllPostsDoneAsync()
    {
        lock (_posts)
        {
            return Task.WhenAll(_posts.Keys.ToArray());
        }
    }
}
