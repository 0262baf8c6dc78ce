using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;

namespace Sente.Testing;

/// <summary>
/// A real <c>Sente.Silo</c> or <c>Sente.Web</c> process (<c>dotnet &lt;dll&gt; args</c>) on 127.0.0.1,
/// started from the solution's build output, with its stdout and stderr captured. Disposing it,
/// or the test run ending, kills it (whole process tree).
/// </summary>
public sealed class SenteProcess : IAsyncDisposable
{
    private static readonly ConcurrentDictionary<int, Process> Live = new();
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private const string RunningLine = "Sente is running: open ";

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TaskCompletionSource<string> _runningLine = new(TaskCreationOptions.RunContinuationsAsynchronously);

    static SenteProcess()
    {
        // A test run that ends (normally, or by SIGTERM on cancel) must not leave servers behind.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var process in Live.Values)
            {
                TryKill(process);
            }
        };
    }

    private SenteProcess(string name, string dll, IReadOnlyList<string> args)
    {
        Name = name;
        Arguments = args;
        var start = new ProcessStartInfo(DotnetHost())
        {
            // The content root (appsettings.json) is the working directory: the dll's folder.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("DOTNET_STARTUP_HOOKS");
        _process = new Process { StartInfo = start, EnableRaisingEvents = true };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data, "out");
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data, "err");
        _process.Start();
        Live[_process.Id] = _process;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Gets the name used in logs (e.g. <c>silo1</c>, <c>webA</c>).</summary>
    public string Name { get; }

    /// <summary>Gets the command-line arguments after the dll.</summary>
    public IReadOnlyList<string> Arguments { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Gets the web node's base address (web processes only).</summary>
    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Gets how long the process took from start to ready.</summary>
    public TimeSpan StartupTime { get; private set; }

    /// <summary>Gets the solution folder: the nearest folder above the test assembly holding <c>Sente.sln</c>.</summary>
    public static string SolutionDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Sente.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No Sente.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>Gets the build configuration of the test assembly (the processes must come from the same one).</summary>
    public static string Configuration =>
        typeof(SenteProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>Starts a silo and waits until its gateway accepts TCP connections.</summary>
    public static async Task<SenteProcess> StartSiloAsync(
        string name, string clusterId, int siloPort, int gatewayPort, int? primarySiloPort = null, IEnumerable<string>? extraArgs = null)
    {
        List<string> args =
        [
            $"--Orleans:SiloPort={siloPort}",
            $"--Orleans:GatewayPort={gatewayPort}",
            $"--Orleans:ClusterId={clusterId}",
            "--Sente:Demo=true",
            .. CommonArgs,
        ];
        if (primarySiloPort is { } primary)
        {
            args.Add($"--Orleans:PrimarySiloPort={primary}");
        }

        args.AddRange(extraArgs ?? []);
        var process = new SenteProcess(name, Dll("Sente.Silo"), args);
        try
        {
            await process.WaitReadyAsync(async ct => await TcpAcceptsAsync(gatewayPort, ct), $"gateway port {gatewayPort} accepting TCP");
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return process;
    }

    /// <summary>
    /// Starts a web node in Client mode (Orleans client of the given gateways) with the demo login on,
    /// and waits until <c>/healthz</c> answers 200 and it printed <c>Sente is running: open &lt;url&gt;</c>.
    /// </summary>
    public static Task<SenteProcess> StartWebAsync(
        string name, string clusterId, int httpPort, IEnumerable<int> gatewayPorts, IEnumerable<string>? extraArgs = null) =>
        StartWebProcessAsync(name, httpPort,
        [
            "--Orleans:Mode=Client",
            $"--Orleans:GatewayPort={string.Join(',', gatewayPorts)}",
            $"--Orleans:ClusterId={clusterId}",
            "--Sente:Demo=true",
            .. extraArgs ?? [],
        ]);

    /// <summary>
    /// Starts <c>Sente.Web</c> as <c>dotnet run --project Sente.Web</c> does: the embedded default
    /// (co-hosted silo, in-memory state, demo on), on the given ports. Starting it again with the same
    /// ports after <see cref="Kill"/> is a server restart that lost its memory state.
    /// </summary>
    public static Task<SenteProcess> StartEmbeddedWebAsync(
        string name, int httpPort, int siloPort, int gatewayPort, IEnumerable<string>? extraArgs = null) =>
        StartWebProcessAsync(name, httpPort,
        [
            $"--Orleans:SiloPort={siloPort}",
            $"--Orleans:GatewayPort={gatewayPort}",
            .. extraArgs ?? [],
        ]);

    private static async Task<SenteProcess> StartWebProcessAsync(string name, int httpPort, IEnumerable<string> args)
    {
        var url = $"http://127.0.0.1:{httpPort}";
        var process = new SenteProcess(name, Dll("Sente.Web"), [$"--urls={url}", .. CommonArgs, .. args]) { BaseUri = new Uri(url) };
        try
        {
            using var http = new HttpClient { BaseAddress = process.BaseUri, Timeout = TimeSpan.FromSeconds(2) };
            await process.WaitReadyAsync(
                async ct =>
                {
                    if (!process._runningLine.Task.IsCompleted)
                    {
                        return false;
                    }

                    try
                    {
                        using var response = await http.GetAsync("/healthz", ct);
                        return response.StatusCode == HttpStatusCode.OK;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                },
                $"GET /healthz = 200 and the line '{RunningLine}{url}/'");
            if (process._runningLine.Task.Result != $"{url}/")
            {
                throw new InvalidOperationException($"{name} printed '{RunningLine}{process._runningLine.Task.Result}', expected {url}/.");
            }
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return process;
    }

    public Uri Chsk(string clientId, long? lastSeq = null)
    {
        var query = $"client-id={Uri.EscapeDataString(clientId)}" + (lastSeq is { } s ? $"&last-seq={s}" : "");
        return new UriBuilder(BaseUri) { Scheme = "ws", Path = "/chsk", Query = query }.Uri;
    }

    public HttpClient CreateHttpClient() => new() { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(15) };

    /// <summary>Logs a user in with the dev login and returns its auth cookie header value.</summary>
    public async Task<string> LoginAsync(string userId)
    {
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = BaseUri };
        using var response = await http.PostAsync("/login", new FormUrlEncodedContent([new("user-id", userId)])).WaitAsync(TimeSpan.FromSeconds(15));
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.OK))
        {
            throw new InvalidOperationException($"{Name}: login answered {response.StatusCode}");
        }

        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        return cookie[..cookie.IndexOf(';')];
    }

    /// <summary>Kills the process and its children at once (SIGKILL: no shutdown code runs), and waits until it is gone.</summary>
    public void Kill()
    {
        TryKill(_process);
        _process.WaitForExit(10_000);
        Live.TryRemove(_process.Id, out _);
    }

    /// <summary>
    /// Freezes the process (SIGSTOP): its sockets stay open but nothing answers, as with a hung
    /// process or a network cut that sends no reset. <see cref="Kill"/> still works on it.
    /// </summary>
    public void Freeze()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new PlatformNotSupportedException("Freeze needs POSIX signals.");
        }

        var signal = OperatingSystem.IsLinux() ? 19 : 17; // SIGSTOP
        if (SendSignal(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, SIGSTOP) failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Gets the captured output, one line per entry, prefixed with the time since start.</summary>
    public string DumpOutput()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"----- {Name} (pid {_process.Id}{(HasExited ? $", exited {SafeExitCode()}" : "")}): dotnet {Path.GetFileName(_process.StartInfo.ArgumentList[0])} {string.Join(' ', Arguments)}");
        foreach (var line in _output)
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }

    public ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        Live.TryRemove(_process.Id, out _);
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);

    private static IEnumerable<string> CommonArgs =>
    [
        // One line per entry, with a timestamp, so failures are easy to read next to the test's own log.
        "--Logging:Console:FormatterName=simple",
        "--Logging:Console:FormatterOptions:SingleLine=true",
        "--Logging:Console:FormatterOptions:TimestampFormat=HH:mm:ss.fff ",
    ];

    private static string Dll(string project)
    {
        var path = Path.Combine(SolutionDirectory, project, "bin", Configuration, "net10.0", project + ".dll");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"{path} is missing: multi-process tests run the built {project}. Build the whole solution first " +
                $"(dotnet build Sente.sln -c {Configuration}), then run the tests.");
        }

        return path;
    }

    private static string DotnetHost()
    {
        // Set by the SDK for processes it starts (dotnet test); else the muxer on PATH.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return host is { Length: > 0 } && File.Exists(host) ? host : "dotnet";
    }

    private static async Task<bool> TcpAcceptsAsync(int port, CancellationToken cancellationToken)
    {
        try
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static void TryKill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private async Task WaitReadyAsync(Func<CancellationToken, Task<bool>> isReady, string what)
    {
        using var cts = new CancellationTokenSource(ReadyTimeout);
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {SafeExitCode()} before it was ready ({what}).\n{DumpOutput()}");
            }

            try
            {
                if (await isReady(cts.Token))
                {
                    StartupTime = _clock.Elapsed;
                    return;
                }

                await Task.Delay(100, cts.Token);
            }
            catch (OperationCanceledException) when (cts.IsCancellationRequested)
            {
                throw new TimeoutException($"{Name} was not ready ({what}) within {ReadyTimeout.TotalSeconds:0} s.\n{DumpOutput()}");
            }
        }
    }

    private string SafeExitCode()
    {
        try
        {
            return _process.ExitCode.ToString(CultureInfo.InvariantCulture);
        }
        catch (InvalidOperationException)
        {
            return "?";
        }
    }

    private void OnLine(string? line, string stream)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(string.Create(CultureInfo.InvariantCulture, $"[{Name} +{_clock.Elapsed.TotalSeconds:0.000}s {stream}] {line}"));
        if (line.StartsWith(RunningLine, StringComparison.Ordinal))
        {
            _runningLine.TrySetResult(line[RunningLine.Length..]);
        }
    }
}
