using System.Globalization;

namespace Sente.LoadTests.Cli;

/// <summary>Parses <c>[all | scenario...] [--option value]...</c>.</summary>
public static class CommandLine
{
    public const string Usage = """
        Sente load tool: latency, throughput and idle CPU of Sente (embedded and two-process) side by side
        with a minimal ASP.NET Core SignalR hub. Build first:  dotnet build -c Release Sente.sln

        usage: dotnet run -c Release --project tests/Sente.LoadTests -- <all | scenario...> [options]

        scenarios:  push-idle  echo  idle-cpu  push-1000        (all = every one)
        options:
          --targets embedded,two-process,signalr   systems to measure (default: all three)
          --out FILE                 write a markdown results section (kept between markers on re-runs)
          --pushes N                 push-idle pushes per run at short spacing (default 1000)
          --spaced-pushes N          push-idle pushes at spacings >= 20 ms (default 200)
          --intervals-ms 2,50        push-idle spacings (default 2,50)
          --push-paths orleans,http  push-idle paths for Sente (default both)
          --shapes users,tabs        push-1000 shapes, in this order (default users,tabs); tabs first
                                     measures connections alone, before any per-user state exists
          --warmup N                 warm-up pushes/requests before each measurement (default 100)
          --echo-count N             echo round trips (default 2000)
          --clients N                push-1000 connections (default 1000)
          --users-rate N             push-1000, one user per client: pushes/s in total (default 500)
          --tabs-rate N              push-1000, one user with N tabs: pushes/s (default 20)
          --duration-s N             push-1000 duration of each run (default 10)
          --idle-s N                 idle-cpu sampling time, after a 20 s settle (default 30)
          --configuration C          which build's DLLs to start (default Release)
          --repo DIR                 repository root (default: found from the tool's location)
          --sente-arg KEY=VALUE      extra configuration for the Sente processes (repeatable), e.g.
                                     --sente-arg Sente:WebSockets:SendWindow=00:00:00.005
          --sente-env NAME=VALUE     extra environment variable for the Sente processes (repeatable), e.g.
                                     --sente-env DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=46
          --quiet                    less console output
        """;

    public static LoadOptions? Parse(string[] args, TextWriter error)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (arg == "all")
                {
                    options.Scenarios.AddRange(LoadOptions.AllScenarios);
                }
                else if (LoadOptions.AllScenarios.Contains(arg))
                {
                    options.Scenarios.Add(arg);
                }
                else
                {
                    error.WriteLine($"Unknown scenario '{arg}'.");
                    return null;
                }

                continue;
            }

            if (arg is "--help" or "-h")
            {
                return null;
            }

            if (arg == "--quiet")
            {
                options.Quiet = true;
                continue;
            }

            if (i + 1 >= args.Length)
            {
                error.WriteLine($"Option {arg} needs a value.");
                return null;
            }

            var value = args[++i];
            switch (arg)
            {
                case "--targets":
                    if (!ReplaceList(options.Targets, value, LoadOptions.AllTargets, error))
                    {
                        return null;
                    }

                    break;
                case "--shapes":
                    if (!ReplaceList(options.Shapes, value, ["users", "tabs"], error))
                    {
                        return null;
                    }

                    break;
                case "--push-paths":
                    if (!ReplaceList(options.PushPaths, value, ["orleans", "http"], error))
                    {
                        return null;
                    }

                    break;
                case "--intervals-ms":
                    options.IntervalsMs.Clear();
                    options.IntervalsMs.AddRange(value.Split(',').Select(v => Positive(v, arg)));
                    break;
                case "--sente-arg": options.SenteArgs.Add("--" + value.TrimStart('-')); break;
                case "--sente-env" when value.IndexOf('=') > 0:
                    options.SenteEnvironment[value[..value.IndexOf('=')]] = value[(value.IndexOf('=') + 1)..];
                    break;
                case "--out": options.Out = value; break;
                case "--configuration": options.Configuration = value; break;
                case "--repo": options.RepoRoot = value; break;
                case "--pushes": options.Pushes = Positive(value, arg); break;
                case "--spaced-pushes": options.SpacedPushes = Positive(value, arg); break;
                case "--warmup": options.Warmup = Positive(value, arg); break;
                case "--echo-count": options.EchoCount = Positive(value, arg); break;
                case "--clients": options.Clients = Math.Min(Positive(value, arg), 15_000); break;
                case "--users-rate": options.UsersRate = Positive(value, arg); break;
                case "--tabs-rate": options.TabsRate = Positive(value, arg); break;
                case "--duration-s": options.DurationSeconds = Math.Min(Positive(value, arg), 120); break;
                case "--idle-s": options.IdleSeconds = Math.Min(Positive(value, arg), 120); break;
                default:
                    error.WriteLine($"Unknown option '{arg}'.");
                    return null;
            }
        }

        if (options.Scenarios.Count == 0)
        {
            error.WriteLine("Name a scenario, or all.");
            return null;
        }

        return options;
    }

    private static bool ReplaceList(List<string> list, string value, string[] allowed, TextWriter error)
    {
        var items = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var unknown = items.Where(v => !allowed.Contains(v)).ToArray();
        if (unknown.Length > 0 || items.Length == 0)
        {
            error.WriteLine($"Unknown value(s) '{string.Join(",", unknown)}'; expected some of {string.Join(",", allowed)}.");
            return false;
        }

        list.Clear();
        list.AddRange(items);
        return true;
    }

    private static int Positive(string value, string option)
    {
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            throw new ArgumentException($"{option} needs a positive integer, not '{value}'.");
        }

        return n;
    }
}
