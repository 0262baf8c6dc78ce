using System.Net.Http.Json;
using System.Text.Json;

namespace Sente.FunctionalTests.Infrastructure;

/// <summary>
/// Fetches a CSRF token from <c>GET {chsk}/csrf-token</c> with an auth cookie, the way a non-page client
/// does: the answer carries the token and sets the antiforgery cookie it pairs with.
/// </summary>
public static class CsrfTokens
{
    /// <summary>Returns the cookie header to send (auth cookie plus antiforgery cookie) and the token.</summary>
    public static async Task<(string Cookie, string Token)> FetchAsync(Uri chskUri, string cookie)
    {
        var tokenUri = new UriBuilder(chskUri)
        {
            Scheme = chskUri.Scheme == "wss" ? "https" : chskUri.Scheme == "ws" ? "http" : chskUri.Scheme,
            Path = chskUri.AbsolutePath.TrimEnd('/') + "/csrf-token",
            Query = "",
        }.Uri;
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, tokenUri);
        request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request).DefaultTimeout();
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var token = body.GetProperty("token").GetString()!;
        var extra = response.Headers.TryGetValues("Set-Cookie", out var setCookies)
            ? setCookies.Select(c => c[..c.IndexOf(';')]).ToArray()
            : [];
        return (string.Join("; ", [cookie, .. extra]), token);
    }

    /// <summary>Adds the token to a <c>/chsk</c> URI as the <c>csrf-token</c> query parameter.</summary>
    public static Uri WithToken(Uri uri, string token) =>
        new UriBuilder(uri) { Query = uri.Query.TrimStart('?') + "&csrf-token=" + Uri.EscapeDataString(token) }.Uri;
}
