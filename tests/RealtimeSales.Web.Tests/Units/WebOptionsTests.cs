namespace RealtimeSales.Web.Tests.Units;

public sealed class WebOptionsTests
{
    [Theory]
    [InlineData("short", "Web:Token")]
    [InlineData("sixteen chars ok", "Web:Token")]
    public void ABadTokenIsRefusedNamingTheKey(string token, string key)
    {
        var result = new WebOptionsValidator().Validate(null, new WebOptions { Token = token });

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(601)]
    public void AStatementTimeoutOutsideItsRangeIsRefused(int seconds)
    {
        var result = new WebOptionsValidator().Validate(null, new WebOptions { SqlStatementTimeout = TimeSpan.FromSeconds(seconds) });

        Assert.Contains("Web:SqlStatementTimeout", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultsAreValid()
    {
        Assert.True(new WebOptionsValidator().Validate(null, new WebOptions()).Succeeded);
        Assert.True(new WebOptionsValidator().Validate(null, new WebOptions { Token = WebAccess.NewToken() }).Succeeded);
    }

    [Fact]
    public void GeneratedTokensAreLongRandomAndUrlSafe()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => WebAccess.NewToken()).ToList();

        Assert.Equal(100, tokens.Distinct().Count());
        Assert.All(tokens, token => Assert.Matches("^[0-9a-f]{32}$", token));
    }
}
