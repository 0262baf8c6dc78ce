namespace Sente.FunctionalTests.Infrastructure;

/// <summary>One embedded Sente server shared by a test class.</summary>
public class ServerFixture : IAsyncLifetime
{
    public SenteServer Server { get; private set; } = null!;

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public async Task InitializeAsync() => Server = await SenteServer.StartAsync(Settings);

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>A server with sub-second keep-alive timings, for ping tests.</summary>
public sealed class FastKeepAliveServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        // Short enough for quick tests, long enough that a CPU-starved CI box (many test classes in
        // parallel on 2 cores) does not miss a whole keep-alive cycle (300/400 ms did, once).
        ["Sente:WebSockets:KeepAlive"] = "00:00:01",
        ["Sente:WebSockets:PingTimeout"] = "00:00:01.500",
    };
}

/// <summary>A server whose HTTP API requires a key.</summary>
public sealed class ApiKeyServerFixture : ServerFixture
{
    public const string Key = "test-key-123";

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Sente:ApiKey"] = Key };
}

/// <summary>A server with short reconnect graces, for presence tests.</summary>
public sealed class ShortGraceServerFixture : ServerFixture
{
    // Long enough that a reconnect on a CPU-starved CI box still lands inside the grace.
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Sente:Grains:WebSocketGrace"] = "00:00:02",
        ["Sente:Grains:AjaxGrace"] = "00:00:02",
    };
}

/// <summary>A server with a short long-poll hold, so Ajax timeouts are quick to observe.</summary>
public sealed class ShortPollServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Sente:LongPollTimeout"] = "00:00:02",
    };
}

/// <summary>A server with a small event budget per connection.</summary>
public sealed class RateLimitedServerFixture : ServerFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Sente:Limits:EventsPerSecond"] = "10",
        ["Sente:Limits:Burst"] = "20",
        ["Sente:Limits:MaxRejectedPer10Seconds"] = "30",
    };
}

/// <summary>A server tuned for the fuzz test: limits high enough that bad input, not rates, is what is tested.</summary>
public sealed class FuzzServerFixture : ServerFixture
{
    public const int MaxMalformed = 200;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Sente:WebSockets:MaxMalformedMessages"] = MaxMalformed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Sente:Limits:EventsPerSecond"] = "100000",
        ["Sente:Limits:Burst"] = "100000",
    };
}
