namespace Sente.FunctionalTests.MultiProcess;

/// <summary>Web-node lease settings for multi-process tests, as command-line arguments.</summary>
public static class LeaseTimings
{
    /// <summary>Short lease timings so tests are fast: heartbeat every 0.5 s, lease 2 s (defaults 2 s / 8 s).</summary>
    public static readonly string[] Fast = ["--Sente:NodeHeartbeatInterval=00:00:00.500", "--Sente:NodeLease=00:00:02"];

    /// <summary>A lease far beyond any test, so only a failed delivery can reveal a dead node.</summary>
    public static readonly string[] Long = ["--Sente:NodeHeartbeatInterval=00:00:01", "--Sente:NodeLease=00:01:00"];
}
