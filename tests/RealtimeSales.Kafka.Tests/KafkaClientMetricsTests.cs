using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace RealtimeSales.Kafka.Tests;

/// <summary>librdkafka's statistics report becomes OpenTelemetry instruments, per client and per partition.</summary>
public sealed class KafkaClientMetricsTests
{
    // The fields the metrics read, in the shape of librdkafka's STATISTICS.md (a consumer with two partitions and
    // librdkafka's internal "-1" partition, whose lag is never reported; partition 1's lag is not known yet).
    private const string ConsumerReport = """
        {"name":"rdkafka#consumer-2","client_id":"rdkafka","type":"consumer","ts":1,"time":1,"age":1,"replyq":3,
         "msg_cnt":0,"msg_size":0,"tx":120,"tx_bytes":9000,"rx":118,"rx_bytes":250000,"txmsgs":0,"rxmsgs":4200,
         "topics":{"sales":{"topic":"sales","partitions":{
            "0":{"partition":0,"consumer_lag":17},
            "1":{"partition":1,"consumer_lag":-1},
            "-1":{"partition":-1,"consumer_lag":-1}}}}}
        """;

    private const string ProducerReport = """
        {"name":"rdkafka#producer-1","type":"producer","replyq":0,"msg_cnt":42,"msg_size":3360,
         "tx":10,"tx_bytes":5000,"rx":10,"rx_bytes":400,"txmsgs":1000,"rxmsgs":0,"topics":{}}
        """;

    [Fact]
    public void EachClientsLatestReportIsObservedTaggedWithTheClientAndConsumerLagPerPartition()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var collector = new MetricsCollector(KafkaClientMetrics.MeterName);
        var metrics = new KafkaClientMetrics(services.GetRequiredService<IMeterFactory>());

        metrics.Record(ConsumerReport);
        metrics.Record(ProducerReport);
        var measured = collector.Collect();

        long Value(string instrument, string client) =>
            Assert.Single(measured, m => m.Instrument == instrument && (string?)m.Tags["messaging.client.id"] == client).Value;
        Assert.Equal(4200, Value("messaging.receive.messages", "rdkafka#consumer-2"));
        Assert.Equal(1000, Value("messaging.publish.messages", "rdkafka#producer-1"));
        Assert.Equal(120, Value("messaging.kafka.network.tx", "rdkafka#consumer-2"));
        Assert.Equal(250_000, Value("messaging.kafka.network.received", "rdkafka#consumer-2"));
        Assert.Equal(42, Value("messaging.kafka.producer.queue.message_count", "rdkafka#producer-1"));
        Assert.Equal(3360, Value("messaging.kafka.producer.queue.size", "rdkafka#producer-1"));
        Assert.Equal(3, Value("messaging.kafka.client.reply_queue", "rdkafka#consumer-2"));
        var lag = Assert.Single(measured, m => m.Instrument == "messaging.kafka.consumer.lag");
        Assert.Equal(17, lag.Value);
        Assert.Equal("sales", lag.Tags["messaging.destination.name"]);
        Assert.Equal(0, lag.Tags["messaging.destination.partition.id"]);
    }

    [Fact]
    public void ANewerReportReplacesTheLastAndAMalformedOneIsIgnored()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        using var collector = new MetricsCollector(KafkaClientMetrics.MeterName);
        var metrics = new KafkaClientMetrics(services.GetRequiredService<IMeterFactory>());

        metrics.Record(ProducerReport);
        metrics.Record(ProducerReport.Replace("\"txmsgs\":1000", "\"txmsgs\":1500", StringComparison.Ordinal));
        metrics.Record("{\"name\":\"rdkafka#producer-1\",\"type\":\"producer\"}");
        metrics.Record("not json");

        Assert.Equal(1500, Assert.Single(collector.Collect(), m => m.Instrument == "messaging.publish.messages").Value);
    }
}
