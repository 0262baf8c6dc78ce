using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Sente.Grains.Diagnostics;

/// <summary>
/// The silo's Sente instruments, on the meter <see cref="MeterName"/> (created through
/// <see cref="IMeterFactory"/>, so each silo, and each test host, has its own). Tags are few and
/// bounded: resumed, outcome; never a uid, a client-id or an event id. docs/observability.md lists them.
/// </summary>
public sealed class SenteGrainMetrics
{
    /// <summary>The meter's name, for <c>AddMeter</c> and <c>dotnet-counters --counters</c>.</summary>
    public const string MeterName = "Sente.Grains";

    private const string ResumedTag = "sente.resumed";
    private const string OutcomeTag = "sente.outcome";

    private static readonly KeyValuePair<string, object?> ResumedTrue = new(ResumedTag, "true");
    private static readonly KeyValuePair<string, object?> ResumedFalse = new(ResumedTag, "false");
    private static readonly KeyValuePair<string, object?> ResumedNone = new(ResumedTag, "none");
    private static readonly KeyValuePair<string, object?> Handled = new(OutcomeTag, "handled");
    private static readonly KeyValuePair<string, object?> Unhandled = new(OutcomeTag, "unhandled");
    private static readonly KeyValuePair<string, object?> Failed = new(OutcomeTag, "failed");

    private readonly Counter<long> _queued;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _unrouted;
    private readonly Counter<long> _connects;
    private readonly Counter<long> _inbound;
    private readonly Histogram<double> _handlerDuration;

    internal SenteGrainMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        _queued = meter.CreateCounter<long>(
            "sente.user.events.queued", "{event}", "Pushed events appended to a client's outbox (one per event and client).");
        _dropped = meter.CreateCounter<long>(
            "sente.user.events.dropped", "{event}", "Unacknowledged events dropped from a client's outbox because it held more than the retention count.");
        _unrouted = meter.CreateCounter<long>(
            "sente.user.events.unrouted", "{event}", "Pushed events sent to a user with no clients at all (no outbox to keep them).");
        _connects = meter.CreateCounter<long>(
            "sente.user.connects", "{connect}", "Connections and polls registered with a user grain; sente.resumed is none when the client did not ask to resume.");
        _inbound = meter.CreateCounter<long>(
            "sente.inbound.events", "{event}", "Client events taken from the inbound stream, by outcome (handled, unhandled, failed).");
        _handlerDuration = meter.CreateHistogram<double>(
            "sente.inbound.handler.duration", "s", "How long application handlers of client events ran.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
    }

    internal void Queued(int events) => _queued.Add(events);

    internal void Dropped(int events) => _dropped.Add(events);

    internal void Unrouted(int events) => _unrouted.Add(events);

    internal void Connected(bool? resumed) =>
        _connects.Add(1, resumed switch { true => ResumedTrue, false => ResumedFalse, null => ResumedNone });

    internal void InboundUnhandled() => _inbound.Add(1, Unhandled);

    internal void InboundHandled(long startTimestamp, bool failed)
    {
        _inbound.Add(1, failed ? Failed : Handled);
        _handlerDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds, failed ? Failed : Handled);
    }
}
