using Sente.Protocol;

namespace Sente.Client.Tests;

[Trait("Category", "Unit")]
public sealed class SenteClientOptionsTests
{
    [Fact]
    public void Defaults_FollowTheProtocol()
    {
        var options = new SenteClientOptions();

        Assert.Equal(16, options.ClientId.Length);
        Assert.True(ProtocolConstants.IsValidClientId(options.ClientId));
        Assert.NotEqual(options.ClientId, new SenteClientOptions().ClientId);
        Assert.Equal(TimeSpan.FromSeconds(10), options.KeepAlive);
        Assert.Equal(TimeSpan.FromSeconds(5), options.PingTimeout);
        Assert.Equal(TimeSpan.FromSeconds(1), options.AckInterval);
        Assert.True(options.AutoReconnect);
    }

    [Fact]
    public void Constructor_WithoutUri_NamesTheOption()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SenteClient(new SenteClientOptions()));

        Assert.Contains("SenteClientOptions.Uri", ex.Message);
    }

    [Fact]
    public void Constructor_WithBadClientId_NamesTheOption()
    {
        var ex = Assert.Throws<ArgumentException>(() => new SenteClient(new SenteClientOptions { Uri = new Uri("ws://h/chsk"), ClientId = "has space" }));

        Assert.Contains("SenteClientOptions.ClientId", ex.Message);
    }

    [Fact]
    public void Defaults_AutoTransport_And60sAjaxTimeout()
    {
        var options = new SenteClientOptions();

        Assert.Equal(SenteTransportMode.Auto, options.Transport);
        Assert.Equal(TimeSpan.FromSeconds(60), options.AjaxTimeout);
    }

    [Fact]
    public void Constructor_WithBadAjaxTimeoutOrTransport_NamesTheOption()
    {
        var timeout = Assert.Throws<ArgumentException>(() => new SenteClient(new SenteClientOptions { Uri = new Uri("http://h/chsk"), AjaxTimeout = TimeSpan.Zero }));
        var mode = Assert.Throws<ArgumentException>(() => new SenteClient(new SenteClientOptions { Uri = new Uri("http://h/chsk"), Transport = (SenteTransportMode)42 }));

        Assert.Contains("SenteClientOptions.AjaxTimeout", timeout.Message);
        Assert.Contains("SenteClientOptions.Transport", mode.Message);
    }
}
