using Sente.LoadTests.Hosting;
using Sente.LoadTests.Measurement;

namespace Sente.LoadTests.Targets;

/// <summary>A system under test: its server processes, clients, and ways to push to a user.</summary>
public interface IBenchTarget : IAsyncDisposable
{
    /// <summary>Gets the display name, e.g. "Sente embedded".</summary>
    string Name { get; }

    IReadOnlyList<ServerProcess> Processes { get; }

    /// <summary>Gets the push paths this system offers (Sente: orleans, http; SignalR: hub).</summary>
    IReadOnlyList<string> PushPaths { get; }

    /// <summary>Gets a description of the echo path for the table.</summary>
    string EchoPath { get; }

    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Connects one client as <paramref name="user"/>; pushed events are reported to <paramref name="sink"/>.</summary>
    Task<IBenchClient> ConnectAsync(string user, PushSink sink, CancellationToken cancellationToken);

    IPushDriver CreatePushDriver(string path);
}

/// <summary>One connected client.</summary>
public interface IBenchClient : IAsyncDisposable
{
    /// <summary>One request/reply round trip.</summary>
    Task EchoAsync(int value, CancellationToken cancellationToken);
}

/// <summary>Pushes events to users; takes the send timestamp right before the send and puts it in the event.</summary>
public interface IPushDriver : IAsyncDisposable
{
    string Description { get; }

    Task PushAsync(string user, int index);
}
