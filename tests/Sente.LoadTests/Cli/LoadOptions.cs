namespace Sente.LoadTests.Cli;

/// <summary>Everything the command line can set; defaults are the documented benchmark run.</summary>
public sealed class LoadOptions
{
    public static readonly string[] AllScenarios = ["push-idle", "echo", "idle-cpu", "push-1000"];
    public static readonly string[] AllTargets = ["embedded", "two-process", "signalr"];

    public List<string> Scenarios { get; } = [];

    public List<string> Targets { get; } = [.. AllTargets];

    /// <summary>Markdown output; an existing file keeps everything outside its results markers.</summary>
    public string? Out { get; set; }

    /// <summary>Build configuration whose server DLLs are started.</summary>
    public string Configuration { get; set; } = "Release";

    public string? RepoRoot { get; set; }

    /// <summary>push-idle: measured pushes per interval (after <see cref="Warmup"/>).</summary>
    public int Pushes { get; set; } = 1000;

    /// <summary>push-idle: the spacings to run; 2 ms is the SignalR reference, 50 ms is above Sente's 30 ms send window.</summary>
    public List<int> IntervalsMs { get; } = [2, 50];

    /// <summary>push-idle: pushes at spacings of 20 ms and more (keeps the run short).</summary>
    public int SpacedPushes { get; set; } = 200;

    /// <summary>push-idle: "orleans" (IUserGrain.SendAsync from this process) and/or "http" (POST /api/users/{uid}/events).</summary>
    public List<string> PushPaths { get; } = ["orleans", "http"];

    /// <summary>push-1000 shapes, in the order they run: <c>users</c> (one user per client), <c>tabs</c> (one user, every client a tab).</summary>
    public List<string> Shapes { get; } = ["users", "tabs"];

    public int Warmup { get; set; } = 100;

    public int EchoCount { get; set; } = 2000;

    public int Clients { get; set; } = 1000;

    /// <summary>push-1000 with one user per client: pushes per second in total.</summary>
    public int UsersRate { get; set; } = 500;

    /// <summary>push-1000 with one user and <see cref="Clients"/> tabs: pushes per second (each fans out to every tab).</summary>
    public int TabsRate { get; set; } = 20;

    public int DurationSeconds { get; set; } = 10;

    public int IdleSeconds { get; set; } = 30;

    public bool Quiet { get; set; }

    /// <summary>Extra configuration for the Sente processes (web and silo), e.g. <c>Sente:WebSockets:SendWindow=00:00:00.005</c>.</summary>
    public List<string> SenteArgs { get; } = [];

    /// <summary>Extra environment variables for the Sente processes, e.g. a runtime knob to compare (<c>DOTNET_...</c>).</summary>
    public Dictionary<string, string> SenteEnvironment { get; } = new(StringComparer.Ordinal);
}
