using System.Buffers;
using System.Text.Json;
using Sente.Protocol;
using Sente.Web.Internal.Connections;

namespace Sente.Web.Internal.Transports;

/// <summary>
/// Collects delivered events into one batch with consecutive seqs: drops what the connection
/// already has (a redelivery), refuses a gap (a bug: the connection must be closed so the client resumes).
/// </summary>
internal sealed class BatchAccumulator(long startSeq)
{
    private readonly List<SenteEvent> _events = [];
    private readonly ArrayBufferWriter<byte> _buffer = new(1024);

    /// <summary>Gets the last seq accepted onto this connection.</summary>
    public long LastSeq { get; private set; } = startSeq;

    public int Count => _events.Count;

    public bool TryAdd(EventDelivery delivery)
    {
        if (delivery.FirstSeq > LastSeq + 1)
        {
            return false;
        }

        var skip = (int)Math.Min(delivery.Events.Length, LastSeq + 1 - delivery.FirstSeq);
        for (var i = skip; i < delivery.Events.Length; i++)
        {
            _events.Add(delivery.Events[i]);
        }

        LastSeq += delivery.Events.Length - skip;
        return true;
    }

    /// <summary>Writes the batch message and empties the accumulator.</summary>
    public ReadOnlyMemory<byte> Write()
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            EnvelopeWriter.WriteBatch(writer, LastSeq - _events.Count + 1, _events);
        }

        _events.Clear();
        return _buffer.WrittenMemory;
    }
}
