// Stream latency harness (not a test): producer OnNextAsync -> implicit subscriber receipt.
//   StreamLatency cohost <provider>   silo and producer in one process (the embedded web node)
//   StreamLatency silo <provider>     a silo alone; prints "ready" and runs until stdin closes
//   StreamLatency client <provider>   an external client producing to a running silo
//   StreamLatency idle <provider>     a co-hosted silo's CPU over 10 s with no events at all
// <provider> is "sente", "none" (idle only) or "mem:<period ms>" (Orleans memory streams with that poll period).
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sente.LoadTests.StreamLatency;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: StreamLatency cohost|silo|client|idle sente|none|mem:<period ms>");
    return 2;
}

var (mode, provider) = (args[0], args[1]);
switch (mode)
{
    case "cohost":
    {
        using var host = Harness.Build(b => b.UseOrleans(silo => Harness.AddProvider(silo, provider)));
        await host.StartAsync();
        await Harness.Run(host.Services.GetRequiredService<IClusterClient>(), $"co-hosted {provider}");
        await host.StopAsync();
        break;
    }

    case "idle":
    {
        using var host = Harness.Build(b => b.UseOrleans(silo => Harness.AddProvider(silo, provider)));
        await host.StartAsync();
        await Harness.Idle(host.Services.GetRequiredService<IClusterClient>(), $"idle {provider}");
        await host.StopAsync();
        break;
    }

    case "silo":
    {
        using var host = Harness.Build(b => b.UseOrleans(silo => Harness.AddProvider(silo, provider)));
        await host.StartAsync();
        Console.WriteLine("ready");
        await Console.In.ReadToEndAsync();
        await host.StopAsync();
        break;
    }

    case "client":
    {
        using var host = Harness.Build(b => b.UseOrleansClient(client => Harness.AddProvider(client, provider)));
        await host.StartAsync();
        await Harness.Run(host.Services.GetRequiredService<IClusterClient>(), $"external client {provider}");
        await host.StopAsync();
        break;
    }

    default:
        Console.Error.WriteLine($"unknown mode {mode}");
        return 2;
}

return 0;
