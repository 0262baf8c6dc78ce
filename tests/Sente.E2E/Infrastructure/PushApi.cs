using System.Net;
using System.Text;
using System.Text.Json;

namespace Sente.E2E.Infrastructure;

/// <summary>The web node's HTTP push API (PROTOCOL.md section 10), called from loopback (no key needed).</summary>
public sealed class PushApi(Uri baseUri) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>Pushes <c>["test/n", {"n": n}]</c> to every client of <paramref name="uid"/>; returns the 202's <c>clients</c>.</summary>
    public async Task<int> PushNumberAsync(string uid, int n)
    {
        using var content = new StringContent($$"""["test/n",{"n":{{n}}}]""", Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync($"/api/users/{Uri.EscapeDataString(uid)}/events", content);
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new HttpRequestException($"push {n} to {uid} answered {(int)response.StatusCode} {body}");
        }

        return JsonDocument.Parse(body).RootElement.GetProperty("clients").GetInt32();
    }

    /// <summary>Whether <paramref name="uid"/> has a connected client (<c>GET /api/users/{uid}</c>).</summary>
    public async Task<bool> IsConnectedAsync(string uid)
    {
        using var response = await _http.GetAsync($"/api/users/{Uri.EscapeDataString(uid)}");
        if (!response.IsSuccessStatusCode)
        {
            return false;
        }

        using var user = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return user.RootElement.GetProperty("clients").EnumerateArray().Any(c => c.GetProperty("connected").GetBoolean());
    }

    public void Dispose() => _http.Dispose();
}
