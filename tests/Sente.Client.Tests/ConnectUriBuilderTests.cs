using Microsoft.AspNetCore.WebUtilities;
using Sente.Client.Internal;

namespace Sente.Client.Tests;

[Trait("Category", "Unit")]
public sealed class ConnectUriBuilderTests
{
    [Fact]
    public void Build_MapsSchemeAndAddsProtocolKeys()
    {
        var uri = ConnectUriBuilder.Build(new Uri("https://example.test/chsk"), "abc", [], "tok en", 42);

        Assert.Equal("wss", uri.Scheme);
        Assert.Equal("/chsk", uri.AbsolutePath);
        Assert.True(uri.IsDefaultPort);
        var query = QueryHelpers.ParseQuery(uri.Query);
        Assert.Equal("abc", query["client-id"]);
        Assert.Equal("tok en", query["csrf-token"]);
        Assert.Equal("42", query["last-seq"]);
    }

    [Fact]
    public void Build_WithoutTokenOrLastSeq_SendsOnlyClientId()
    {
        var uri = ConnectUriBuilder.Build(new Uri("http://127.0.0.1:5000/chsk"), "abc", [], null, null);

        Assert.Equal("ws://127.0.0.1:5000/chsk?client-id=abc", uri.ToString());
    }

    [Fact]
    public void Build_KeepsExtraParams_ButProtocolKeysWin()
    {
        var uri = ConnectUriBuilder.Build(
            new Uri("ws://h/chsk?tenant=t1&client-id=evil"),
            "abc",
            [new("room", "r 1"), new("last-seq", "999")],
            null,
            null);

        var query = QueryHelpers.ParseQuery(uri.Query);
        Assert.Equal("t1", query["tenant"]);
        Assert.Equal("r 1", query["room"]);
        Assert.Equal("abc", query["client-id"].ToString());
        Assert.False(query.ContainsKey("last-seq"));
    }

    [Theory]
    [InlineData("ws://h:5000/chsk", "http://h:5000/chsk")]
    [InlineData("wss://h/chsk", "https://h/chsk")]
    [InlineData("https://h/chsk", "https://h/chsk")]
    public void BuildAjax_MapsWebSocketSchemesToHttp(string endpoint, string expected)
    {
        var uri = ConnectUriBuilder.BuildAjax(new Uri(endpoint), "abc", []);

        Assert.Equal(expected, uri.GetLeftPart(UriPartial.Path));
        Assert.Equal("?client-id=abc", uri.Query);
    }

    [Fact]
    public void BuildAjax_ProtocolKeysWin_AndNoCsrfTokenInTheQuery()
    {
        var uri = ConnectUriBuilder.BuildAjax(
            new Uri("http://h/chsk?tenant=t1&ack=99"),
            "abc",
            [new("handshake", "0"), new("csrf-token", "leak")],
            new KeyValuePair<string, string>("ack", "7"));

        var query = QueryHelpers.ParseQuery(uri.Query);
        Assert.Equal("t1", query["tenant"]);
        Assert.Equal("abc", query["client-id"].ToString());
        Assert.Equal("7", query["ack"].ToString());
        Assert.False(query.ContainsKey("handshake"));
        Assert.False(query.ContainsKey("csrf-token"));
    }
}
