using RealtimeSales.Testing;

namespace RealtimeSales.Throughput;

/// <summary>
/// How far the aggregator's checkpoints trail the topic during a phase — events in the topic not yet checkpointed,
/// sampled once a second — and how often partition ownership changed (assignments, revocations, losses in its log):
/// a session too short for the load would show as rebalances here.
/// </summary>
internal sealed class LagMonitor : IAsyncDisposable
{
    private static readonly TimeSpan s_interval = TimeSpan.FromSeconds(1);

    private readonly Pipeline _pipeline;
    private readonly TopicProbe _probe;
    private readonly ChildProcess _aggregator;
    private readonly int _ownershipLinesBefore;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private readonly List<long> _samples = [];

    public LagMonitor(Pipeline pipeline, int partitions)
    {
        _pipeline = pipeline;
        _probe = new TopicProbe(pipeline.BootstrapServers, partitions);
        _aggregator = pipeline.Aggregator;
        _ownershipLinesBefore = OwnershipLines();
        _sampling = SampleAsync(_stop.Token);
    }

    /// <summary>Stops sampling: the largest and the median lag seen, and the ownership changes meanwhile.</summary>
    public async Task<LagReport> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        var sorted = _samples.Order().ToList();
        return new LagReport(
            sorted.Count,
            sorted.Count == 0 ? 0 : sorted[^1],
            sorted.Count == 0 ? 0 : sorted[sorted.Count / 2],
            OwnershipLines() - _ownershipLinesBefore,
            _aggregator.HasExited || _pipeline.Aggregator != _aggregator);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _probe.Dispose();
        _stop.Dispose();
    }

    private int OwnershipLines() => _aggregator.Lines.Count(AggregatorLines.IsOwnershipChange);

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await Task.Delay(s_interval, cancellationToken);
                var end = _probe.EndOffsets();
                var checkpointed = await _pipeline.Database.NextOffsetsAsync(cancellationToken);
                _samples.Add(end.Sum(partition => Math.Max(0, partition.Value - checkpointed.GetValueOrDefault(partition.Key))));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped: the samples taken so far are the report.
        }
    }
}
