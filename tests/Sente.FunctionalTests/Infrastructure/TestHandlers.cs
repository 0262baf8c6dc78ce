using Microsoft.Extensions.DependencyInjection;

namespace Sente.FunctionalTests.Infrastructure;

/// <summary>Handlers only the tests use (registered on the co-hosted silo's services).</summary>
public static class TestHandlers
{
    /// <summary>A request that is never answered: for timeouts.</summary>
    public const string Silent = "test/silent";

    /// <summary>Pushes N seq-numbered events <c>["test/n", i]</c> to the sender's user: <c>{"count": N}</c>.</summary>
    public const string PushMany = "test/push-many";

    public static void Register(IServiceCollection services)
    {
        services.AddSingleton<EventRecorder>();
        foreach (var id in new[] { "chsk/uidport-open", "chsk/uidport-close", "chsk/bad-event" })
        {
            services.AddSenteHandler(id, ctx =>
            {
                ctx.Services.GetRequiredService<EventRecorder>().Record(ctx.Uid, ctx.EventId, ctx.Event.DataJson);
                return Task.CompletedTask;
            });
        }

        services.AddSenteHandler(Silent, _ => Task.CompletedTask);
        services.AddSenteHandler(PushMany, async ctx =>
        {
            var count = ctx.Event.Data?.GetProperty("count").GetInt32() ?? 0;
            var user = ctx.GrainFactory.GetGrain<Sente.Grains.IUserGrain>(ctx.Uid);
            for (var i = 1; i <= count; i++)
            {
                await user.SendAsync(new Sente.Protocol.SenteEvent("test/n", i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            }

            ctx.Reply(new { pushed = count });
        });
    }
}
