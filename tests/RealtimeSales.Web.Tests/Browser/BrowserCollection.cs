namespace RealtimeSales.Web.Tests.Browser;

/// <summary>The browser tests share one application and one browser, and run one after another on it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection : ICollectionFixture<BrowserApp>
{
    public const string Name = "browser";
}
