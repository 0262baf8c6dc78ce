using System.Net;
using System.Text;
using System.Text.Json;
using Sente.Grains;
using Sente.LoadTests.Measurement;
using Sente.Protocol;

namespace Sente.LoadTests.Targets;

/// <summary>The two ways a service pushes to a Sente user; both put the send timestamp in the event.</summary>
public static class SentePushDrivers
{
    public const string EventId = "bench/push";

    public static long SentTimestamp(SenteEvent evt)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(evt.DataJson ?? "{}"));
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("t"))
            {
                reader.Read();
                return reader.GetInt64();
            }
        }

        throw new InvalidOperationException($"Pushed event without a timestamp: {evt}");
    }

    private static string Data(long timestamp, int index) => $"{{\"t\":{timestamp},\"i\":{index}}}";

    /// <summary><c>IUserGrain.SendAsync</c> from an Orleans client in this process (a gateway hop into the silo).</summary>
    public sealed class Orleans(IClusterClient cluster) : IPushDriver
    {
        public string Description => "IUserGrain.SendAsync (Orleans client in the load tool)";

        public async Task PushAsync(string user, int index)
        {
            var grain = cluster.GetGrain<IUserGrain>(user);
            var sentAt = PushSink.Now();
            await grain.SendAsync(new SenteEvent(EventId, Data(sentAt, index)));
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary><c>POST /api/users/{uid}/events</c> on the web node (which then calls the user grain).</summary>
    public sealed class Http(HttpClient http) : IPushDriver
    {
        public string Description => "POST /api/users/{uid}/events";

        public async Task PushAsync(string user, int index)
        {
            var path = $"/api/users/{Uri.EscapeDataString(user)}/events";
            var sentAt = PushSink.Now();
            using var content = new StringContent($"[\"{EventId}\",{Data(sentAt, index)}]", Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(path, content);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"Push API answered {(int)response.StatusCode}.");
            }
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
