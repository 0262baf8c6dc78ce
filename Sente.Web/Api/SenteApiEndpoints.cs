using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sente.Grains;
using Sente.Protocol;
using Sente.Wire;

namespace Sente.Web.Api;

/// <summary>The HTTP push and presence API (PROTOCOL.md section 10).</summary>
internal static class SenteApiEndpoints
{
    public static IEndpointConventionBuilder Map(IEndpointRouteBuilder endpoints, string prefix)
    {
        var api = endpoints.MapGroup(prefix);
        api.AddEndpointFilter(RequireApiKeyOrLoopback);
        api.MapPost("/users/{uid}/events", PushToUserAsync);
        api.MapPost("/users/{uid}/clients/{clientId}/events", PushToClientAsync);
        api.MapGet("/connected-users", GetConnectedUsersAsync);
        api.MapGet("/users/{uid}", GetUserAsync);
        return api;
    }

    private static async ValueTask<object?> RequireApiKeyOrLoopback(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var key = http.RequestServices.GetRequiredService<IOptions<SenteOptions>>().Value.ApiKey;
        if (key is { Length: > 0 })
        {
            var header = http.Request.Headers.Authorization.ToString();
            const string bearer = "Bearer ";
            var given = header.StartsWith(bearer, StringComparison.Ordinal) ? header[bearer.Length..] : "";
            if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(key)))
            {
                return Results.Text("Unauthorized request", statusCode: StatusCodes.Status401Unauthorized);
            }
        }
        else if (http.Connection.RemoteIpAddress is not { } ip || !IPAddress.IsLoopback(ip))
        {
            return Results.Text("Unauthorized request", statusCode: StatusCodes.Status401Unauthorized);
        }

        return await next(context);
    }

    private static async Task<IResult> PushToUserAsync(string uid, HttpRequest request, IClusterClient grains)
    {
        var (evt, error) = await ReadEventAsync(request);
        if (evt is null)
        {
            return Results.Text(error, statusCode: StatusCodes.Status400BadRequest);
        }

        var clients = await grains.GetUserGrain(Unescape(uid)).SendAsync(evt);
        return Results.Json(new { clients }, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> PushToClientAsync(string uid, string clientId, HttpRequest request, IClusterClient grains)
    {
        var (evt, error) = await ReadEventAsync(request);
        if (evt is null)
        {
            return Results.Text(error, statusCode: StatusCodes.Status400BadRequest);
        }

        var clients = await grains.GetUserGrain(Unescape(uid)).SendToClientAsync(Unescape(clientId), evt);
        return Results.Json(new { clients }, statusCode: StatusCodes.Status202Accepted);
    }

    private static async Task<IResult> GetConnectedUsersAsync(IClusterClient grains)
    {
        var users = await grains.GetConnectedUsersGrain().GetConnectedUsersAsync();
        return Results.Json(new Dictionary<string, IReadOnlyList<string>>
        {
            ["ws"] = users.WebSocket,
            ["ajax"] = users.Ajax,
            ["any"] = users.Any,
        });
    }

    private static async Task<IResult> GetUserAsync(string uid, IClusterClient grains)
    {
        var user = await grains.GetUserGrain(Unescape(uid)).GetClientsAsync();
        return Results.Json(new
        {
            uid = user.Uid,
            clients = user.Clients.Select(c => new Dictionary<string, object?>
            {
                ["client-id"] = c.ClientId,
                ["transport"] = c.Transport == TransportKind.WebSocket ? "ws" : "ajax",
                ["connected"] = c.Connected,
                ["last-seq"] = c.LastSeq,
                ["acked-seq"] = c.AckedSeq,
            }),
        });
    }

    // Routing leaves %2F encoded inside a segment; uids such as "sente/nil-uid" need it decoded.
    private static string Unescape(string routeValue) => Uri.UnescapeDataString(routeValue);

    private static async Task<(SenteEvent? Event, string Error)> ReadEventAsync(HttpRequest request)
    {
        var max = request.HttpContext.RequestServices.GetRequiredService<IOptions<SenteOptions>>().Value.MaxMessageBytes;
        if (request.ContentLength > max)
        {
            return (null, "Body too large");
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, new JsonDocumentOptions { MaxDepth = EnvelopeParser.MaxDepth });
        }
        catch (JsonException)
        {
            return (null, "Body is not valid JSON");
        }

        using (document)
        {
            var error = EventValidator.TryCreate(document.RootElement, out var evt);
            if (error != EventError.None)
            {
                return (null, $"Body is not an event [id, data]: {error}");
            }

            return SenteEventIds.IsReserved(evt!.Id) ? (null, "Event ids in chsk/ are reserved") : (evt, "");
        }
    }
}
