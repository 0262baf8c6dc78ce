using System.Text.Json;

namespace Sente.Contracts.Tests;

/// <summary>Loads the golden fixtures in <c>tests/fixtures/protocol</c> (format: its README.md).</summary>
internal static class ProtocolFixtures
{
    private static readonly string Directory = Path.Combine(AppContext.BaseDirectory, "fixtures", "protocol");

    /// <summary>The fixture files whose cases a writer produces.</summary>
    public static readonly string[] WriterFiles =
    [
        "handshake.json", "batch.json", "callback-reply.json", "ping.json", "pong.json", "timeout.json",
        "dummy-cb-200.json", "client-event.json", "client-request.json", "client-ack.json",
        "client-ping.json", "client-pong.json",
    ];

    public static JsonElement LoadFile(string file)
    {
        var path = Path.Combine(Directory, file);
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.Clone();
    }

    public static JsonElement LoadCase(string file, string name) =>
        LoadFile(file).GetProperty("cases").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>Every (file, case name) pair of the given files, as xunit theory rows.</summary>
    public static TheoryData<string, string> Cases(params string[] files)
    {
        var data = new TheoryData<string, string>();
        foreach (var file in files)
        {
            foreach (var c in LoadFile(file).GetProperty("cases").EnumerateArray())
            {
                data.Add(file, c.GetProperty("name").GetString()!);
            }
        }

        return data;
    }
}
