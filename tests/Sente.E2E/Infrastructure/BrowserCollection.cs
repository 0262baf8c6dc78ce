namespace Sente.E2E.Infrastructure;

/// <summary>
/// Every browser test shares one Chromium and one demo server, and runs one at a time: a browser
/// and a Sente process already fill a 2-core box, and the tests start and kill processes.
/// </summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<Chromium>, ICollectionFixture<DemoServer>
{
    public const string Name = "Browser";
}
