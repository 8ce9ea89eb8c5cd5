using RealtimeSales.Throughput;

var engineOnly = args is [EngineRate.ChildFlag, ..];
if (!HarnessOptions.TryParse(engineOnly ? args[1..] : args, out var options, out var error))
{
    Console.Error.WriteLine(error);
    return 2;
}

if (engineOnly)
{
    // The harness's child for the in-process row: see EngineRate.
    Console.WriteLine(EngineRate.ResultLine(EngineRate.Measure(options.Stores, options.Events)));
    return 0;
}

if (options.ShowHelp)
{
    Console.WriteLine(HarnessOptions.Usage);
    return 0;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // Stop the phases and let the child processes be disposed, rather than leave them running.
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    var results = await Harness.RunAsync(options, cancellation.Token);
    Console.WriteLine();
    Console.WriteLine($"Machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}, .NET {Environment.Version}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; " +
        $"load average {results.LoadAverage}");
    Console.WriteLine($"Settings: {options.Events:N0} events, {options.Rounds} rounds, {options.Partitions} partitions, {options.Stores:N0} stores, windows of 2 s with 2 s watermark delay, " +
        $"checkpoint every {options.CheckpointIntervalMs} ms, session timeout {options.SessionTimeoutMs} ms, 2% late and 1% malformed");
    Console.Write(results.Table());
    Console.WriteLine();
    Console.Write(results.RoundsTable());
    Console.WriteLine();
    Console.Write(results.CpuTable());
    Console.WriteLine();
    Console.Write(results.MissedTargets());
    Console.WriteLine(results.RatioLine());
    return results.Targets.All(target => target.Met) ? 0 : 3;
}
catch (Exception e) when (e is not OperationCanceledException)
{
    Console.Error.WriteLine($"The benchmark failed: {e.Message}");
    return 1;
}
