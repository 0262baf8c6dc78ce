namespace Sente.E2E.Infrastructure;

/// <summary>
/// <c>Sente.Web</c> as <c>dotnet run --project Sente.Web</c> runs it (embedded silo, in-memory state,
/// demo on), as a separate process on free loopback ports, shared by the tests of a collection.
/// </summary>
public sealed class DemoServer : IAsyncLifetime
{
    private SenteProcess? _process;

    /// <summary>Gets the running process.</summary>
    public SenteProcess Process => _process ?? throw new InvalidOperationException("The demo server is not started.");

    /// <summary>Gets the page's address, e.g. <c>http://127.0.0.1:20123/</c>.</summary>
    public Uri BaseUri => Process.BaseUri;

    public async Task InitializeAsync() => _process = await StartAsync("demo");

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    /// <summary>Starts another embedded server on its own ports (for tests that change options or kill it).</summary>
    public static Task<SenteProcess> StartAsync(string name, params string[] extraArgs) =>
        SenteProcess.StartEmbeddedWebAsync(name, FreePort.Next(), FreePort.Next(), FreePort.Next(), extraArgs);
}
