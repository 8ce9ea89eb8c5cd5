using RealtimeSales.Web.Logs;

namespace RealtimeSales.Web.Tests.Units;

public sealed class LogLevelsTests
{
    [Theory]
    [InlineData("16:32:48 info: RealtimeSales.Producer.SalesProducerWorker[1] Producing to sales", false, LogLevels.Info)]
    [InlineData("16:32:50 fail: Microsoft.Extensions.Diagnostics.HealthChecks.DefaultHealthCheckService[103] Health check", false, LogLevels.Error)]
    [InlineData("16:32:50 warn: RealtimeSales.Aggregator.SalesAggregatorWorker[8] PostgreSQL is unavailable", false, LogLevels.Warning)]
    [InlineData("16:32:50 dbug: X[1] y", false, LogLevels.Debug)]
    [InlineData("16:32:50 trce: X[1] y", false, LogLevels.Trace)]
    [InlineData("16:32:50 crit: X[10] Fatal Kafka error", false, LogLevels.Critical)]
    [InlineData("info: X[1] no timestamp", false, LogLevels.Info)]
    [InlineData("2026-11-24 16:32:48.516 UTC [26750] LOG:  starting PostgreSQL 15.18", false, LogLevels.Info)]
    [InlineData("2026-11-24 16:32:51.509 UTC [26826] ERROR:  relation \"__EFMigrationsHistory\" does not exist", false, LogLevels.Error)]
    [InlineData("2026-11-24 16:32:51.509 UTC [26826] FATAL:  password authentication failed", false, LogLevels.Critical)]
    [InlineData("2026-11-24 16:32:51.509 UTC [26826] WARNING:  there is no transaction in progress", false, LogLevels.Warning)]
    [InlineData("2026-11-24 16:32:51.509 UTC [26826] DEBUG1:  something", false, LogLevels.Debug)]
    [InlineData("[apphost] unhealthy: /health answered 503", true, LogLevels.Warning)]
    [InlineData("[apphost] failed to start: no such file", true, LogLevels.Error)]
    [InlineData("bootstrap: 127.0.0.1:9092", false, LogLevels.Info)]
    [InlineData("Unhandled exception. System.Exception: boom", true, LogLevels.Error)]
    public void ReadsTheLevelFromTheFormatsTheProcessesWrite(string text, bool isErrorOutput, string level) =>
        Assert.Equal(level, LogLevels.Detect(text, isErrorOutput));

    [Fact]
    public void StripsTerminalColours() =>
        Assert.Equal("info: ready", LogLevels.StripColours("\e[32minfo\e[39m\e[22m\e[49m: ready"));
}
