using Microsoft.Extensions.Hosting;
using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Dashboard.Pipeline;

/// <summary>
/// Reads every running project's <c>/metrics</c> once a second for as long as the dashboard runs, and turns the
/// workers' own counters and histograms into the Pipeline page's rates, quantiles and partition gauges. Nothing
/// is estimated: rates are counter increases over time, quantiles come from the histogram's buckets.
/// </summary>
internal sealed class PipelineMonitor(ResourceNotificationService resources, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(5);

    // Checkpoints commit about once a second: 30 s gives a p99 of more than a handful of observations.
    public static readonly TimeSpan QuantileWindow = TimeSpan.FromSeconds(30);

    // Five minutes of charts at one sample a second.
    private const int HistoryLength = 300;

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Broadcaster<PipelineSample> _samples = new(HistoryLength);
    private readonly Dictionary<string, (int? ProcessId, WorkerReading Reading)> _previous = [];
    private readonly Queue<(DateTimeOffset Time, PipelineCounts Counted, Dictionary<double, double> Checkpoints)> _recent = new();
    private readonly Dictionary<double, double> _checkpoints = [];
    private PipelineCounts _counted;

    /// <summary>The last five minutes of samples, then each new one.</summary>
    public IAsyncEnumerable<PipelineSample> WatchAsync(CancellationToken cancellationToken) => _samples.WatchAsync(cancellationToken);

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                _samples.Publish(await ReadAsync(stoppingToken));
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The dashboard is stopping.
        }
    }

    private async Task<PipelineSample> ReadAsync(CancellationToken cancellationToken)
    {
        var workers = resources.GetSnapshots()
            .Where(unit => unit.State == ResourceState.Running && unit.ResourceType == "Project" && unit.Endpoints.Any(endpoint => endpoint.Name == "http"))
            .ToList();
        var scrapes = await Task.WhenAll(workers.Select(worker => ScrapeAsync(worker, cancellationToken)));
        var now = time.GetUtcNow();

        var totals = default(PipelineCounts);
        var partitions = new SortedDictionary<int, PartitionSample>();
        foreach (var (worker, reading, _) in scrapes)
        {
            if (reading is null)
            {
                continue;
            }

            totals += reading.Counts;
            // Same process as last time: its increase counts. A new or restarted process only sets the baseline.
            if (_previous.TryGetValue(worker.Name, out var previous) && previous.ProcessId == worker.ProcessId)
            {
                _counted += reading.Counts.Since(previous.Reading.Counts);
                foreach (var (bound, count) in reading.CheckpointBuckets)
                {
                    _checkpoints[bound] = _checkpoints.GetValueOrDefault(bound)
                        + PipelineCounts.Increase(count, previous.Reading.CheckpointBuckets.GetValueOrDefault(bound));
                }
            }

            _previous[worker.Name] = (worker.ProcessId, reading);
            foreach (var partition in reading.Lag.Keys.Union(reading.Watermark.Keys))
            {
                partitions[partition] = new PartitionSample(partition, worker.Name, Value(reading.Lag, partition), Value(reading.Watermark, partition));
            }
        }

        foreach (var gone in _previous.Keys.Where(name => workers.All(worker => worker.Name != name)).ToList())
        {
            _previous.Remove(gone);
        }

        _recent.Enqueue((now, _counted, new Dictionary<double, double>(_checkpoints)));
        while (_recent.Peek().Time < now - QuantileWindow)
        {
            _recent.Dequeue();
        }

        var rateBase = _recent.First(entry => entry.Time >= now - RateWindow);
        var rates = (_counted - rateBase.Counted).PerSecond((now - rateBase.Time).TotalSeconds);
        var checkpoints = _checkpoints
            .Select(bucket => (UpperBound: bucket.Key, Count: bucket.Value - _recent.Peek().Checkpoints.GetValueOrDefault(bucket.Key)))
            .OrderBy(bucket => bucket.UpperBound)
            .ToList();
        return new PipelineSample(now, rates, HistogramQuantile.Estimate(checkpoints, 0.5), HistogramQuantile.Estimate(checkpoints, 0.99),
            totals, [.. partitions.Values], [.. scrapes.Select(scrape => scrape.Source)]);
    }

    private async Task<(ResourceSnapshot Worker, WorkerReading? Reading, ScrapeSource Source)> ScrapeAsync(ResourceSnapshot worker, CancellationToken cancellationToken)
    {
        var url = worker.Endpoints.First(endpoint => endpoint.Name == "http").Address.TrimEnd('/') + "/metrics";
        try
        {
            var text = await _http.GetStringAsync(url, cancellationToken);
            return (worker, WorkerReading.From(PrometheusText.Parse(text)), new ScrapeSource(worker.Name, url, null));
        }
        catch (HttpRequestException e)
        {
            return (worker, null, new ScrapeSource(worker.Name, url, e.Message));
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (worker, null, new ScrapeSource(worker.Name, url, $"no answer within {_http.Timeout.TotalSeconds:0} s"));
        }
    }

    private static double? Value(IReadOnlyDictionary<int, double> values, int partition) =>
        values.TryGetValue(partition, out var value) ? value : null;
}
