using Sente.Protocol;

namespace Sente.Contracts.Tests;

[Trait("Category", "Unit")]
public sealed class ProtocolConstantsTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(63)]
    [InlineData(64)]
    public void IsValidClientId_LengthWithinLimit_ReturnsTrue(int length)
    {
        Assert.True(ProtocolConstants.IsValidClientId(new string('a', length)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65)]
    [InlineData(1000)]
    public void IsValidClientId_LengthOutsideLimit_ReturnsFalse(int length)
    {
        Assert.False(ProtocolConstants.IsValidClientId(new string('a', length)));
    }

    [Fact]
    public void IsValidClientId_Null_ReturnsFalse()
    {
        Assert.False(ProtocolConstants.IsValidClientId(null));
    }

    [Theory]
    [InlineData("abcdefghijklmnopqrstuvwxyz")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTUVWXYZ")]
    [InlineData("0123456789")]
    [InlineData("_.:-")]
    [InlineData("3f2c9a1e-5b7d-4c2a-9e1f-0a1b2c3d4e5f")]
    [InlineData("tab:1.device_7-x")]
    public void IsValidClientId_AllowedCharacters_ReturnsTrue(string clientId)
    {
        Assert.True(ProtocolConstants.IsValidClientId(clientId));
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("a/b")]
    [InlineData("a+b")]
    [InlineData("a=b")]
    [InlineData("a&b")]
    [InlineData("a%20b")]
    [InlineData("a\tb")]
    [InlineData("a\nb")]
    [InlineData("é")]
    [InlineData("ａ")]
    [InlineData("٣")]
    [InlineData("a😀")]
    [InlineData("a\0")]
    public void IsValidClientId_DisallowedCharacter_ReturnsFalse(string clientId)
    {
        Assert.False(ProtocolConstants.IsValidClientId(clientId));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(36)]
    public void IsValidCallback_LengthWithinLimit_ReturnsTrue(int length)
    {
        Assert.True(ProtocolConstants.IsValidCallback(new string('k', length)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(37)]
    [InlineData(64)]
    [InlineData(65)]
    public void IsValidCallback_LengthOutsideLimit_ReturnsFalse(int length)
    {
        Assert.False(ProtocolConstants.IsValidCallback(new string('k', length)));
    }

    [Fact]
    public void IsValidCallback_Null_ReturnsFalse()
    {
        Assert.False(ProtocolConstants.IsValidCallback(null));
    }

    [Theory]
    [InlineData("ajax")]
    [InlineData("p1")]
    [InlineData("k3x9qa")]
    [InlineData("a b/c?d")]
    [InlineData("日本")]
    public void IsValidCallback_AnyCharacters_ReturnsTrue(string cb)
    {
        // The protocol limits only the length of a callback id, not its characters.
        Assert.True(ProtocolConstants.IsValidCallback(cb));
    }

    [Fact]
    public void AjaxCallback_IsValidCallback()
    {
        Assert.True(ProtocolConstants.IsValidCallback(ProtocolConstants.AjaxCallback));
    }
}
