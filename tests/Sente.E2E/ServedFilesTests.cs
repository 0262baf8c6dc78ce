using System.Net;
using Sente.E2E.Infrastructure;

namespace Sente.E2E;

/// <summary>The browser client and the demo are served by the built Sente.Web process (not only under <c>dotnet run</c>).</summary>
[Trait("Category", "E2E")]
[Collection(BrowserCollection.Name)]
public sealed class ServedFilesTests(DemoServer server)
{
    [Theory]
    [InlineData("/", "text/html")]
    [InlineData("/sente.js", "text/javascript")]
    [InlineData("/sente.global.js", "text/javascript")]
    [InlineData("/sente.d.ts", "application/typescript")]
    [InlineData("/types/sente.d.ts", "application/typescript")]
    [InlineData("/demo.js", "text/javascript")]
    [InlineData("/demo.css", "text/css")]
    public async Task File_IsServedWithItsContentType(string path, string contentType)
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        using var response = await http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Content.Headers.ContentLength is null or > 0);
    }

    [Fact]
    public async Task SenteJs_IsAnEsModuleExportingConnect()
    {
        using var http = new HttpClient { BaseAddress = server.BaseUri };

        var script = await http.GetStringAsync("/sente.js");

        Assert.Contains("export {", script, StringComparison.Ordinal);
        Assert.Matches(@"\bconnect\b", script);
    }
}
