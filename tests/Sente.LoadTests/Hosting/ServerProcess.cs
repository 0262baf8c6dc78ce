using System.Diagnostics;
using System.Net.Sockets;

namespace Sente.LoadTests.Hosting;

/// <summary>
/// A server process this tool started (<c>dotnet X.dll ...</c>, server GC): its output kept in a
/// small ring for diagnostics, readiness probes, and a kill of exactly this process tree at the end.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int KeptLines = 200;
    private readonly Process _process;
    private readonly Queue<string> _lines = new();

    private ServerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ServerProcess Start(string name, string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_gcServer"] = "1";
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }
        var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {name}.");
        var server = new ServerProcess(name, process);
        ProcessReaper.Track(process);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>Waits until GET <paramref name="url"/> answers 200.</summary>
    public async Task WaitForHttpAsync(Uri url, TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await PollAsync(timeout, async () =>
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode;
        });
    }

    /// <summary>Waits until a TCP connect to 127.0.0.1:<paramref name="port"/> succeeds (e.g. an Orleans gateway).</summary>
    public async Task WaitForTcpAsync(int port, TimeSpan timeout)
    {
        await PollAsync(timeout, async () =>
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        });
    }

    public string RecentOutput()
    {
        lock (_lines)
        {
            return string.Join(Environment.NewLine, _lines);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine($"warning: could not stop {Name} (pid {Pid}): {ex.Message}");
        }

        ProcessReaper.Forget(_process);
        _process.Dispose();
    }

    private async Task PollAsync(TimeSpan timeout, Func<Task<bool>> probe)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode}:{Environment.NewLine}{RecentOutput()}");
            }

            try
            {
                if (await probe())
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or SocketException or TaskCanceledException)
            {
                // Not up yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{Name} was not ready within {timeout.TotalSeconds:0} s:{Environment.NewLine}{RecentOutput()}");
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            if (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
            }
        }
    }
}
