using Microsoft.Extensions.Options;

namespace RealtimeSales.Aggregator;

/// <summary>Rules on the <c>Aggregator:*</c> durations; each failure names the key and what was expected.</summary>
internal sealed class AggregatorOptionsValidator : IValidateOptions<AggregatorOptions>
{
    private static readonly TimeSpan s_resolution = TimeSpan.FromMilliseconds(1);

    public ValidateOptionsResult Validate(string? name, AggregatorOptions options)
    {
        List<string> failures = [];
        if (options.WindowSize < s_resolution || options.WindowSize.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            failures.Add($"Aggregator:WindowSize must be a positive whole number of milliseconds, got {options.WindowSize}.");
        }

        if (options.WatermarkDelay < TimeSpan.Zero)
        {
            failures.Add($"Aggregator:WatermarkDelay must not be negative, got {options.WatermarkDelay}.");
        }

        if (options.IdleTimeout is { } idle && idle <= TimeSpan.Zero)
        {
            failures.Add($"Aggregator:IdleTimeout must be positive, got {idle}.");
        }

        if (options.CheckpointInterval <= TimeSpan.Zero || options.CheckpointInterval > TimeSpan.FromMinutes(1))
        {
            failures.Add($"Aggregator:CheckpointInterval must be between 0 and 00:01:00 (exclusive of 0), got {options.CheckpointInterval}.");
        }

        if (options.SessionTimeout < TimeSpan.FromSeconds(1) || options.SessionTimeout > TimeSpan.FromMinutes(30)
            || options.SessionTimeout.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            failures.Add($"Aggregator:SessionTimeout must be whole milliseconds from 00:00:01 to 00:30:00, got {options.SessionTimeout}.");
        }

        if (options.IdleInTransactionTimeout < TimeSpan.FromSeconds(1) || options.IdleInTransactionTimeout > TimeSpan.FromHours(1)
            || options.IdleInTransactionTimeout.Ticks % TimeSpan.TicksPerMillisecond != 0)
        {
            failures.Add($"Aggregator:IdleInTransactionTimeout must be whole milliseconds from 00:00:01 to 01:00:00, got {options.IdleInTransactionTimeout}.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
