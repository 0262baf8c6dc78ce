using System.Text;

namespace Sente.FunctionalTests.Limits;

/// <summary>What a fuzzed message is, and so which answer the protocol documents for it.</summary>
public enum BadInputKind
{
    /// <summary>Not JSON, not an envelope, invalid UTF-8, too deep: dropped (WebSocket) or 400 (POST).</summary>
    Malformed,

    /// <summary>An envelope whose payload is not a valid client event, with a callback: <c>chsk/error</c>.</summary>
    BadEventWithCallback,

    /// <summary>Over the size limit: 1009 (WebSocket) or 413 (POST).</summary>
    Oversize,
}

/// <summary>Random and malformed client messages from a seeded generator (failures are reproducible).</summary>
public sealed class BadInputGenerator(int seed)
{
    private static readonly string[] Shapes =
    [
        "{}", "[]", "null", "42", "\"str\"", "true", "[1]", "[1,2,3,4]", "{\"a\":[1,2]}",
        "[[\"demo/echo\"]]", "[[\"demo/echo\"],42]", "[[\"demo/echo\"],\"\"]", "[[\"demo/echo\"],{}]",
        "[[\"demo/echo\"],null,null]", "[[\"demo/echo\"],null,[]]", "[[\"demo/echo\"],null,{},{}]",
        "[[\"demo/echo\"],\"0123456789012345678901234567890123456\"]", "[[\"demo/echo\"],[\"cb\"]]",
    ];

    private readonly Random _random = new(seed);

    public (BadInputKind Kind, byte[] Bytes, string? Callback) Next(int maxBytes, bool allowOversize)
    {
        var roll = _random.Next(100);
        if (allowOversize && roll == 0)
        {
            return (BadInputKind.Oversize, Encoding.UTF8.GetBytes("[[\"demo/echo\",\"" + new string('z', maxBytes) + "\"],null]"), null);
        }

        if (roll < 25)
        {
            var cb = "f" + _random.Next(1_000_000);
            return (BadInputKind.BadEventWithCallback, Encoding.UTF8.GetBytes(BadEvent(cb)), cb);
        }

        return (BadInputKind.Malformed, Malformed(), null);
    }

    private string BadEvent(string cb) => _random.Next(8) switch
    {
        0 => $"[[\"nonamespace\"],\"{cb}\"]",
        1 => $"[[\"chsk/uidport-open\",\"x\"],\"{cb}\"]",
        2 => $"[[\"chsk/handshake\"],\"{cb}\"]",
        3 => $"[[1,2],\"{cb}\"]",
        4 => $"[\"not-an-event\",\"{cb}\"]",
        5 => $"[[\"chsk/ack\",-5],\"{cb}\"]",
        6 => $"[[\"chsk/ack\",123456789012345678901234567890],\"{cb}\"]",
        _ => $"[[\"a/b\",1,2,3],\"{cb}\"]",
    };

    private byte[] Malformed()
    {
        switch (_random.Next(7))
        {
            case 0: // random bytes, often invalid UTF-8
                var bytes = new byte[_random.Next(1, 200)];
                _random.NextBytes(bytes);
                bytes[0] = 0xff;
                return bytes;
            case 1: // truncated JSON
                var json = "[[\"demo/echo\",{\"a\":[1,2,{\"b\":\"c\"}]}],\"cb1\"]";
                return Encoding.UTF8.GetBytes(json[.._random.Next(1, json.Length - 1)]);
            case 2: // deep nesting, past the 64 limit
                var depth = _random.Next(65, 2000);
                return Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth));
            case 3: // huge numbers where a string or array is expected
                return Encoding.UTF8.GetBytes("[1e999999," + new string('9', _random.Next(50, 5000)) + "]");
            case 4: // invalid UTF-8 inside an otherwise fine envelope
                return [.. Encoding.UTF8.GetBytes("[[\"demo/echo\",\""), 0xc3, 0x28, .. Encoding.UTF8.GetBytes("\"],null]")];
            case 5: // unpaired surrogate escape as callback
                return Encoding.UTF8.GetBytes("[[\"demo/echo\"],\"\\ud800\"]");
            default:
                return Encoding.UTF8.GetBytes(Shapes[_random.Next(Shapes.Length)]);
        }
    }
}
