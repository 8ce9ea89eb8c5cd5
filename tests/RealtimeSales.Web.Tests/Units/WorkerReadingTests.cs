using RealtimeSales.Web.Pipeline;

namespace RealtimeSales.Web.Tests.Units;

/// <summary>The names are the ones OpenTelemetry's Prometheus exporter gives the workers' instruments (read off a running aggregator).</summary>
public sealed class WorkerReadingTests
{
    [Fact]
    public void ReadsTheAggregatorsCountersHistogramAndPartitionGauges()
    {
        var reading = WorkerReading.From(PrometheusText.Parse("""
            sales_aggregator_checkpoint_duration_milliseconds_bucket{otel_scope_name="RealtimeSales.Aggregator",le="5"} 12
            sales_aggregator_checkpoint_duration_milliseconds_bucket{otel_scope_name="RealtimeSales.Aggregator",le="10"} 24
            sales_aggregator_checkpoint_duration_milliseconds_bucket{otel_scope_name="RealtimeSales.Aggregator",le="+Inf"} 38
            sales_aggregator_checkpoint_duration_milliseconds_sum{otel_scope_name="RealtimeSales.Aggregator"} 794.5
            sales_aggregator_checkpoint_duration_milliseconds_count{otel_scope_name="RealtimeSales.Aggregator"} 38
            sales_aggregator_events_consumed_total{otel_scope_name="RealtimeSales.Aggregator"} 377
            sales_aggregator_events_late_total{otel_scope_name="RealtimeSales.Aggregator"} 4
            sales_aggregator_events_rejected_total{otel_scope_name="RealtimeSales.Aggregator"} 2
            sales_aggregator_windows_closed_total{otel_scope_name="RealtimeSales.Aggregator"} 86
            sales_aggregator_partition_lag{otel_scope_name="RealtimeSales.Aggregator",partition="0"} 3
            sales_aggregator_partition_lag{otel_scope_name="RealtimeSales.Aggregator",partition="5"} 0
            sales_aggregator_partition_watermark_seconds{otel_scope_name="RealtimeSales.Aggregator",partition="0"} 1795538012.275835
            """));

        Assert.Equal(new PipelineCounts(0, 0, 377, 86, 4, 2), reading.Counts);
        Assert.Equal([5, 10, double.PositiveInfinity], reading.CheckpointBuckets.Keys);
        Assert.Equal(38, reading.CheckpointBuckets[double.PositiveInfinity]);
        Assert.Equal(new Dictionary<int, double> { [0] = 3, [5] = 0 }, reading.Lag);
        Assert.Equal(1795538012.275835, reading.Watermark[0]);
    }

    [Fact]
    public void SumsTheProducersAcknowledgementsOverKindsAndTreatsAbsentCountersAsZero()
    {
        var reading = WorkerReading.From(PrometheusText.Parse("""
            sales_producer_events_acknowledged_total{kind="valid"} 900
            sales_producer_events_acknowledged_total{kind="late"} 20
            sales_producer_events_acknowledged_total{kind="malformed"} 10
            """));

        Assert.Equal(new PipelineCounts(930, 0, 0, 0, 0, 0), reading.Counts);
        Assert.Empty(reading.Lag);
    }

    [Fact]
    public void ACounterBelowItsLastValueMeansARestartSoAllOfItIsNew()
    {
        var before = new PipelineCounts(100, 0, 90, 10, 1, 1);
        var after = new PipelineCounts(30, 0, 120, 12, 1, 0);

        Assert.Equal(new PipelineCounts(30, 0, 30, 2, 0, 0), after.Since(before));
        Assert.Equal(new PipelineCounts(15, 0, 15, 1, 0, 0), after.Since(before).PerSecond(2));
    }
}
