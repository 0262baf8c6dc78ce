using Sente.Web;

namespace Sente.FunctionalTests.Security;

/// <summary>Start-up validation of the security options: messages name the option.</summary>
[Trait("Category", "Unit")]
public sealed class SecurityOptionsValidationTests
{
    [Theory]
    [InlineData("http://site.com/")]
    [InlineData("http://site.com/path")]
    [InlineData("site.com")]
    [InlineData("ftp://site.com")]
    [InlineData("")]
    public void Validate_BadAllowedOrigin_FailsNamingTheOption(string origin)
    {
        var options = new SenteOptions();
        options.AllowedOrigins.Add(origin);

        var result = new SenteOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains("SenteOptions.AllowedOrigins", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("http://site.com")]
    [InlineData("https://site.com:8443")]
    [InlineData("http://127.0.0.1:5000")]
    public void Validate_GoodAllowedOrigin_Succeeds(string origin)
    {
        var options = new SenteOptions();
        options.AllowedOrigins.Add(origin);

        Assert.True(new SenteOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_BlankCookieAuthenticationType_FailsNamingTheOption()
    {
        var options = new SenteOptions();
        options.Csrf.CookieAuthenticationTypes.Add(" ");

        var result = new SenteOptionsValidator().Validate(null, options);

        Assert.Contains("SenteOptions.Csrf.CookieAuthenticationTypes", result.FailureMessage, StringComparison.Ordinal);
    }
}
