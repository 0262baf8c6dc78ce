using System.Text.Json;
using Orleans.Hosting;
using Sente.Grains.Inbound;
using Sente.Protocol;

namespace Sente.Grains.Demo;

/// <summary>
/// The demo application's handlers. Application code, not library: registered only by
/// <see cref="AddSenteDemoHandlers"/>.
/// </summary>
public static class DemoEventHandlers
{
    /// <summary>The longest <c>demo/delay</c> wait: the handler holds its user's inbox while it waits.</summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Registers <c>demo/echo</c>, <c>demo/delay</c>, <c>demo/whoami</c>, <c>demo/broadcast</c>,
    /// <c>demo/send</c> and <c>demo/connected-users</c>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <returns>The builder.</returns>
    public static ISiloBuilder AddSenteDemoHandlers(this ISiloBuilder builder) => builder
        .AddSenteHandler("demo/echo", Echo)
        .AddSenteHandler("demo/delay", DelayAsync)
        .AddSenteHandler("demo/whoami", WhoAmI)
        .AddSenteHandler("demo/broadcast", BroadcastAsync)
        .AddSenteHandler("demo/send", SendAsync)
        .AddSenteHandler("demo/connected-users", ConnectedUsersAsync);

    /// <summary><c>demo/echo</c>: replies with its data.</summary>
    private static Task Echo(SenteEventContext ctx)
    {
        ctx.ReplyJson(ctx.Event.DataJson);
        return Task.CompletedTask;
    }

    /// <summary>
    /// <c>demo/delay {"ms", "data"}</c>: replies with <c>data</c> after <c>ms</c> milliseconds (at most
    /// <see cref="MaxDelay"/>), to show request timeouts and requests cut off by a dropped connection.
    /// The user's later events wait behind it: a user's events are handled one at a time, in order.
    /// </summary>
    private static async Task DelayAsync(SenteEventContext ctx)
    {
        var ms = ctx.Event.Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("ms", out var m) && m.TryGetInt32(out var v) ? v : 0;
        await Task.Delay(TimeSpan.FromMilliseconds(Math.Clamp(ms, 0, MaxDelay.TotalMilliseconds)));
        ctx.ReplyJson(ctx.Event.Data is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty("data", out var reply) ? reply.GetRawText() : "null");
    }

    /// <summary><c>demo/whoami</c>: replies <c>{"uid", "client-id"}</c>.</summary>
    private static Task WhoAmI(SenteEventContext ctx)
    {
        ctx.ReplyJson(JsonSerializer.Serialize(new Dictionary<string, string?> { ["uid"] = ctx.Uid, ["client-id"] = ctx.ClientId }));
        return Task.CompletedTask;
    }

    /// <summary><c>demo/broadcast {"text"}</c>: pushes <c>["demo/broadcast", {"from", "text"}]</c> to every connected user.</summary>
    private static async Task BroadcastAsync(SenteEventContext ctx)
    {
        var text = ctx.Event.Data is { ValueKind: JsonValueKind.Object } data && data.TryGetProperty("text", out var t) ? t.ToString() : "";
        var evt = new SenteEvent("demo/broadcast", JsonSerializer.Serialize(new { from = ctx.Uid, text }));
        var users = await ctx.GrainFactory.GetConnectedUsersGrain().GetConnectedUsersAsync();
        var reached = await Task.WhenAll(users.Any.Select(uid => ctx.SendAsync(uid, evt)));
        ctx.Reply(new { users = users.Any.Count, clients = reached.Sum() });
    }

    /// <summary><c>demo/connected-users</c>: replies the connected-users view <c>{"ws", "ajax", "any"}</c>, as the HTTP API shows it.</summary>
    private static async Task ConnectedUsersAsync(SenteEventContext ctx)
    {
        var users = await ctx.GrainFactory.GetConnectedUsersGrain().GetConnectedUsersAsync();
        ctx.Reply(new { ws = users.WebSocket, ajax = users.Ajax, any = users.Any });
    }

    /// <summary><c>demo/send {"to": uid, "event": [id, data]}</c>: pushes that event to user <c>to</c>.</summary>
    private static async Task SendAsync(SenteEventContext ctx)
    {
        if (ctx.Event.Data is not { ValueKind: JsonValueKind.Object } data
            || !data.TryGetProperty("to", out var to) || to.ValueKind != JsonValueKind.String
            || !data.TryGetProperty("event", out var raw)
            || EventValidator.TryCreate(raw, out var evt) != EventError.None
            || SenteEventIds.IsReserved(evt!.Id))
        {
            ctx.ReplyJson(JsonSerializer.Serialize(CallbackReplies.Error));
            return;
        }

        var clients = await ctx.SendAsync(to.GetString()!, evt);
        ctx.Reply(new { clients });
    }
}
