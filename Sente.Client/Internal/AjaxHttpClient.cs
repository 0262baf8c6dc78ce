namespace Sente.Client.Internal;

/// <summary>Creates the one <see cref="HttpClient"/> a client shares among all its Ajax connections (polls and POSTs).</summary>
internal static class AjaxHttpClient
{
    public static HttpClient Create(SenteClientOptions options)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = options.Cookies is not null,
            AllowAutoRedirect = false,
        };

        if (options.Cookies is { } cookies)
        {
            handler.CookieContainer = cookies;
        }

        // Timeouts run on the client's TimeProvider per request (see AjaxTransport), not on HttpClient's wall clock.
        return new HttpClient(handler, disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            MaxResponseContentBufferSize = options.MaxReceiveMessageBytes,
        };
    }
}
