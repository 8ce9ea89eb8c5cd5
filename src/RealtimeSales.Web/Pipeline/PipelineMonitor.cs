using Confluent.Kafka;
using Npgsql;
using RealtimeSales.Web.Sql;

namespace RealtimeSales.Web.Pipeline;

/// <summary>
/// Reads Kafka (the end of each partition) and PostgreSQL (the checkpoints and result tables) once a second for as long
/// as the web app runs. Lag is the broker's end minus the checkpoint's next offset: what is not yet counted exactly once,
/// whichever aggregator replicas run. Nothing is estimated: rates are increases of totals over time. The workers' own
/// numbers (checkpoint durations, librdkafka's view of lag) are in the Aspire dashboard's Metrics.
/// </summary>
internal sealed class PipelineMonitor(TopicEnds ends, CheckpointReader checkpoints, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(5);

    // SQLSTATE 42P01: the aggregator has not applied the migrations yet.
    private const string UndefinedTable = "42P01";

    // Five minutes of charts at one sample a second.
    private const int HistoryLength = 300;

    private readonly Broadcaster<PipelineSample> _samples = new(HistoryLength);
    private readonly Queue<(DateTimeOffset Time, PipelineCounts Counted)> _recent = new();
    private PipelineCounts? _previous;
    private PipelineCounts _counted;

    /// <summary>The last five minutes of samples, then each new one.</summary>
    public IAsyncEnumerable<PipelineSample> WatchAsync(CancellationToken cancellationToken) => _samples.WatchAsync(cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            do
            {
                _samples.Publish(Sample(await ReadAsync(stoppingToken)));
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The web app is stopping.
        }
    }

    private async Task<PipelineReading> ReadAsync(CancellationToken cancellationToken)
    {
        // librdkafka blocks: off the timer's thread, alongside the database query.
        var kafka = Task.Run(ends.Read, cancellationToken);
        List<PipelineSource> sources = [];
        (long Windows, long Late, long Rejected, Dictionary<int, CheckpointRow> Checkpoints) database = (0, 0, 0, []);
        try
        {
            database = await checkpoints.ReadAsync(cancellationToken);
            sources.Add(new PipelineSource("PostgreSQL", null));
        }
        catch (PostgresException e) when (e.SqlState == UndefinedTable)
        {
            sources.Add(new PipelineSource("PostgreSQL", "no tables yet: the aggregator creates them when it starts"));
        }
        catch (Exception e) when (e is NpgsqlException or DatabaseUnavailableException)
        {
            sources.Add(new PipelineSource("PostgreSQL", e.Message));
        }

        IReadOnlyDictionary<int, long> topicEnds = new Dictionary<int, long>();
        try
        {
            topicEnds = await kafka;
            sources.Add(new PipelineSource("Kafka", null));
        }
        catch (KafkaException e)
        {
            sources.Add(new PipelineSource("Kafka", e.Error.Reason));
        }

        return new PipelineReading(topicEnds, database.Checkpoints, database.Windows, database.Late, database.Rejected, sources);
    }

    private PipelineSample Sample(PipelineReading reading)
    {
        var now = time.GetUtcNow();
        var kafkaRead = reading.Sources.Any(source => source.Name == "Kafka" && source.Error is null);
        var databaseRead = reading.Sources.Any(source => source.Name == "PostgreSQL" && source.Error is null);
        var totals = new PipelineCounts(
            reading.Ends.Values.Sum(), reading.Checkpoints.Values.Sum(checkpoint => checkpoint.NextOffset), reading.Windows, reading.Late, reading.Rejected);

        // Only a complete reading moves the rates: a side that could not be read would look like a drop to zero.
        if (kafkaRead && databaseRead)
        {
            if (_previous is { } previous)
            {
                _counted += totals.Since(previous);
            }

            _previous = totals;
        }

        _recent.Enqueue((now, _counted));
        while (_recent.Peek().Time < now - RateWindow)
        {
            _recent.Dequeue();
        }

        var rateBase = _recent.Peek();
        var rates = (_counted - rateBase.Counted).PerSecond((now - rateBase.Time).TotalSeconds);
        var partitions = reading.Ends.Keys.Union(reading.Checkpoints.Keys).Order().Select(partition =>
        {
            var checkpoint = reading.Checkpoints.GetValueOrDefault(partition);
            double? lag = kafkaRead && reading.Ends.TryGetValue(partition, out var end) ? Math.Max(0, end - (checkpoint?.NextOffset ?? 0)) : null;
            return new PartitionSample(partition, checkpoint?.Generation, lag, checkpoint?.WatermarkSeconds);
        });
        return new PipelineSample(now, rates, totals, [.. partitions], reading.Sources);
    }
}
