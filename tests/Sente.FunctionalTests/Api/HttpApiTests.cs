using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sente.FunctionalTests.Infrastructure;
using Sente.FunctionalTests.WebSockets;

namespace Sente.FunctionalTests.Api;

[Trait("Category", "Functional")]
public sealed class HttpApiTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private SenteServer Server => fixture.Server;

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task PostUserEvent_ReachesEveryClientAndReportsCount()
    {
        var cookie = await Server.LoginAsync("api-user");
        await using var tab1 = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), cookie);
        await using var tab2 = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), cookie);
        using var http = Server.CreateHttpClient();

        using var response = await http.PostAsync("/api/users/api-user/events", Json("""["chat/msg",{"text":"hi"}]"""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clients").GetInt32());
        Assert.Equal("""["chat/msg",{"text":"hi"}]""", (await tab1.ReceiveEventsAsync(1)).Events[0].Event.GetRawText());
        Assert.Equal("""["chat/msg",{"text":"hi"}]""", (await tab2.ReceiveEventsAsync(1)).Events[0].Event.GetRawText());
    }

    [Fact]
    public async Task PostClientEvent_ReachesOnlyThatClient()
    {
        var cookie = await Server.LoginAsync("api-one");
        var target = HandshakeTests.NewClientId();
        await using var tab1 = await RawSenteSocket.ConnectAsync(Server.Chsk(target), cookie);
        await using var tab2 = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), cookie);
        using var http = Server.CreateHttpClient();

        using var response = await http.PostAsync($"/api/users/api-one/clients/{target}/events", Json("""["chat/msg",1]"""));

        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("clients").GetInt32());
        Assert.Single((await tab1.ReceiveEventsAsync(1)).Events);
        Assert.Null(await tab2.TryReceiveTextAsync(TimeSpan.FromMilliseconds(200)));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("[\"nonamespace\"]")]
    [InlineData("[\"chsk/handshake\"]")]
    [InlineData("[\"a/b\",1,2]")]
    public async Task PostInvalidEvent_400(string body)
    {
        using var http = Server.CreateHttpClient();
        using var response = await http.PostAsync("/api/users/someone/events", Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task ConnectedUsers_ListsConnectedUidByTransport()
    {
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(HandshakeTests.NewClientId()), await Server.LoginAsync("online-1"));
        using var http = Server.CreateHttpClient();

        await PushTests.Eventually(async () =>
        {
            var users = await http.GetFromJsonAsync<JsonElement>("/api/connected-users");
            return users.GetProperty("ws").EnumerateArray().Any(u => u.GetString() == "online-1")
                && users.GetProperty("any").EnumerateArray().Any(u => u.GetString() == "online-1")
                && users.GetProperty("ajax").GetArrayLength() >= 0;
        });
    }

    [Fact]
    public async Task GetUser_ListsClientsWithSeqs()
    {
        var clientId = HandshakeTests.NewClientId();
        await using var socket = await RawSenteSocket.ConnectAsync(Server.Chsk(clientId), await Server.LoginAsync("api-info"));
        using var http = Server.CreateHttpClient();
        await http.PostAsync("/api/users/api-info/events", Json("""["a/b"]"""));

        var user = await http.GetFromJsonAsync<JsonElement>("/api/users/api-info");

        Assert.Equal("api-info", user.GetProperty("uid").GetString());
        var client = user.GetProperty("clients").EnumerateArray().Single();
        Assert.Equal(clientId, client.GetProperty("client-id").GetString());
        Assert.Equal("ws", client.GetProperty("transport").GetString());
        Assert.True(client.GetProperty("connected").GetBoolean());
        Assert.Equal(1, client.GetProperty("last-seq").GetInt64());
    }
}

[Trait("Category", "Functional")]
public sealed class HttpApiKeyTests(ApiKeyServerFixture fixture) : IClassFixture<ApiKeyServerFixture>
{
    [Fact]
    public async Task WithApiKeyConfigured_RequestWithoutKey_401()
    {
        using var http = fixture.Server.CreateHttpClient();
        using var response = await http.GetAsync("/api/connected-users");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task WithApiKeyConfigured_WrongKey_401_RightKey_200()
    {
        using var http = fixture.Server.CreateHttpClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        using (var wrong = await http.GetAsync("/api/connected-users"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKeyServerFixture.Key);
        using var right = await http.GetAsync("/api/connected-users");
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }
}
