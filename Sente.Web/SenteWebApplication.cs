using System.Net;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Sente.Grains.Demo;
using Sente.Web.Demo;
using Sente.Web.Hosting;

namespace Sente.Web;

/// <summary>
/// The Sente web process as <c>dotnet run --project Sente.Web</c> starts it: a web node plus either a
/// co-hosted silo (embedded default) or an Orleans client of separate silos. Tests build it too.
/// </summary>
public static class SenteWebApplication
{
    /// <summary>Builds the application from command-line arguments and configuration.</summary>
    /// <param name="args">Arguments (<c>--Orleans:Mode=Client</c>, <c>--urls</c>, ...).</param>
    /// <param name="configure">A last chance to change the builder (tests).</param>
    /// <returns>The application, not yet started.</returns>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // The demo page and /sente.js live in the project's wwwroot. ASP.NET Core maps them into a
        // build output only in Development; this maps them in any environment, so `dotnet
        // Sente.Web.dll` from bin/ (deploy/run-local.sh, the multi-process tests) serves them too.
        // A published app has no build manifest and serves its copied wwwroot as usual.
        builder.WebHost.UseStaticWebAssets();
        var orleans = builder.Configuration.GetSection("Orleans").Get<OrleansHostingOptions>() ?? new OrleansHostingOptions();
        // The demo (handlers, dev login, demo page) is on in the embedded default and off elsewhere
        // unless configured: a web node in front of real silos must not accept a password-less login.
        var demo = builder.Configuration.GetValue<bool?>("Sente:Demo") ?? orleans.IsEmbedded;

        if (orleans.IsEmbedded)
        {
            builder.UseOrleans(silo =>
            {
                silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPorts()[0], null, orleans.ServiceId, orleans.ClusterId);
                silo.Configure<Orleans.Configuration.EndpointOptions>(o => o.AdvertisedIPAddress = IPAddress.Loopback);
                silo.AddMemoryGrainStorageAsDefault();
                silo.AddSente(o => builder.Configuration.GetSection("Sente:Grains").Bind(o));
                if (demo)
                {
                    silo.AddSenteDemoHandlers();
                }
            });
        }
        else
        {
            builder.UseOrleansClient(client =>
            {
                client.UseLocalhostClustering(orleans.GatewayPorts(), orleans.ServiceId, orleans.ClusterId);
                client.AddSenteStreams();
            });
        }

        builder.Services.AddSente(o => builder.Configuration.GetSection("Sente").Bind(o));
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "sente-demo";
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Events.OnRedirectToLogin = ctx =>
            {
                ctx.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            };
        });
        builder.Services.AddAuthorization();
        builder.Services.AddHealthChecks().AddSenteWebNode();
        builder.AddSenteOpenTelemetry();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseWebSockets();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions { ContentTypeProvider = StaticContentTypes.Create() });
        app.MapSente();
        app.MapSenteApi();
        // live: the process answers (restart it if not); ready: send it clients; /healthz: everything.
        app.MapHealthChecks("/healthz/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(SenteHealthChecksBuilderExtensions.ReadyTag) });
        app.MapHealthChecks("/healthz");
        if (demo)
        {
            app.MapSenteDemo();
        }

        app.Lifetime.ApplicationStarted.Register(() => PrintUrls(app));
        return app;
    }

    private static void PrintUrls(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        foreach (var address in addresses)
        {
            // Printed plainly (not only logged) so the URL is easy to find among the silo's start-up logs.
            Console.WriteLine($"Sente is running: open {address}/");
        }
    }
}
