using RealtimeSales.Testing;

namespace RealtimeSales.Aggregator.Tests;

/// <summary>A bad <c>Aggregator:*</c> setting stops the worker at start with a message naming the key.</summary>
public sealed class AggregatorOptionsTests
{
    [Theory]
    [InlineData("00:00:00", "00:00:30", null, "00:00:01", "Aggregator:WindowSize")]
    [InlineData("00:00:00.0005", "00:00:30", null, "00:00:01", "Aggregator:WindowSize")]
    [InlineData("00:00:30", "-00:00:01", null, "00:00:01", "Aggregator:WatermarkDelay")]
    [InlineData("00:00:30", "00:00:30", "00:00:00", "00:00:01", "Aggregator:IdleTimeout")]
    [InlineData("00:00:30", "00:00:30", null, "00:00:00", "Aggregator:CheckpointInterval")]
    [InlineData("00:00:30", "00:00:30", null, "00:05:00", "Aggregator:CheckpointInterval")]
    public void InvalidDurationsAreRefusedByName(string window, string delay, string? idle, string checkpoint, string key)
    {
        var options = new AggregatorOptions
        {
            WindowSize = TimeSpan.Parse(window, System.Globalization.CultureInfo.InvariantCulture),
            WatermarkDelay = TimeSpan.Parse(delay, System.Globalization.CultureInfo.InvariantCulture),
            IdleTimeout = idle is null ? null : TimeSpan.Parse(idle, System.Globalization.CultureInfo.InvariantCulture),
            CheckpointInterval = TimeSpan.Parse(checkpoint, System.Globalization.CultureInfo.InvariantCulture),
        };

        var result = new AggregatorOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(key, result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SessionTimeout", "00:00:00.999")]
    [InlineData("SessionTimeout", "00:30:01")]
    [InlineData("SessionTimeout", "00:00:02.0005")]
    [InlineData("IdleInTransactionTimeout", "00:00:00.999")]
    [InlineData("IdleInTransactionTimeout", "01:00:01")]
    [InlineData("IdleInTransactionTimeout", "00:00:10.0005")]
    public void ATimeoutOutOfRangeOrFinerThanMillisecondsIsRefusedByName(string key, string timeout)
    {
        var value = TimeSpan.Parse(timeout, System.Globalization.CultureInfo.InvariantCulture);
        var options = key == "SessionTimeout" ? new AggregatorOptions { SessionTimeout = value } : new AggregatorOptions { IdleInTransactionTimeout = value };

        var result = new AggregatorOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Aggregator:{key}", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=db;Database=salesdb", "-c idle_in_transaction_session_timeout=2500")]
    [InlineData("Host=db;Database=salesdb;Options=-c search_path=sales", "-c search_path=sales -c idle_in_transaction_session_timeout=2500")]
    public void TheIdleInTransactionTimeoutJoinsTheSessionOptionsTheConnectionStringGives(string connectionString, string expected)
    {
        var result = new Npgsql.NpgsqlConnectionStringBuilder(
            AggregatorServiceCollectionExtensions.WithIdleInTransactionTimeout(connectionString, TimeSpan.FromMilliseconds(2500)));

        Assert.Equal(expected, result.Options);
        Assert.Equal("db", result.Host);
        Assert.Equal("salesdb", result.Database);
    }

    [Fact]
    public void TheDefaultsAreValidAndTheIdleTimeoutFollowsTheWindowSize()
    {
        var options = new AggregatorOptions { WindowSize = TimeSpan.FromSeconds(5) };

        Assert.True(new AggregatorOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(TimeSpan.FromSeconds(10), options.EffectiveIdleTimeout);
    }

    [Theory]
    [InlineData("Aggregator__WindowSize", "-00:00:05", "Aggregator:WindowSize")]
    [InlineData("Aggregator__CheckpointInterval", "soon", "Aggregator:CheckpointInterval")]
    [InlineData("Aggregator__SessionTimeout", "00:00:00.500", "Aggregator:SessionTimeout")]
    [InlineData("Aggregator__IdleInTransactionTimeout", "00:00:00.500", "Aggregator:IdleInTransactionTimeout")]
    [InlineData("ConnectionStrings__salesdb", "", "ConnectionStrings:salesdb")]
    public async Task TheProcessExitsNonZeroNamingTheBadSetting(string variable, string value, string key)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var aggregator = ChildProcess.StartDotnet("aggregator", BuiltProject.Dll("RealtimeSales.Aggregator"), [],
            new Dictionary<string, string>
            {
                ["ConnectionStrings__kafka"] = "127.0.0.1:1",
                ["ConnectionStrings__salesdb"] = "Host=127.0.0.1;Port=1;Database=salesdb;Username=postgres",
                [variable] = value,
            });

        var exitCode = await aggregator.WaitForExitAsync(TimeSpan.FromSeconds(60), cancellationToken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(aggregator.Lines, line => line.Contains(key, StringComparison.Ordinal));
    }
}
