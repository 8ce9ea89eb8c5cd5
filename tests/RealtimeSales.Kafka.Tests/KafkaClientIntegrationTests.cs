using Confluent.Kafka;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using RealtimeSales.Testing;

namespace RealtimeSales.Kafka.Tests;

/// <summary><c>AddKafkaClients</c> in a host against a real DevBroker: configuration, health check, metrics from librdkafka.</summary>
public sealed class KafkaClientIntegrationTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ClientsConnectWhereTheConnectionStringSaysReportHealthyAndPublishLibrdkafkasNumbers()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var broker = await DevBrokerProcess.StartAsync(partitions: 2, ct);
        using var host = Host(
            ("ConnectionStrings:kafka", broker.BootstrapServers),
            ("RealtimeSales:Kafka:StatisticsInterval", "00:00:00.2"));
        using var collector = new MetricsCollector(KafkaClientMetrics.MeterName);
        var factory = host.Services.GetRequiredService<KafkaClientFactory>();

        Assert.Equal(broker.BootstrapServers, factory.BootstrapServers);
        using (var producer = factory.CreateProducer<Null, string>(servers => new ProducerConfig { BootstrapServers = servers, LingerMs = 50 }))
        {
            var delivered = 0;
            for (var i = 0; i < 100; i++)
            {
                producer.Produce("sales", new Message<Null, string> { Value = $"message {i}" }, report =>
                {
                    if (!report.Error.IsError)
                    {
                        Interlocked.Increment(ref delivered);
                    }
                });
            }

            // Flush's answer counts queued statistics events too, so the delivery reports say what arrived.
            producer.Flush(s_timeout);
            Assert.Equal(100, Volatile.Read(ref delivered));

            // Statistics come every 0.2 s (the configured interval, which also proves RealtimeSales:Kafka is bound).
            long published = 0;
            await Eventually.WaitUntilAsync(
                () =>
                {
                    published = collector.Collect().Where(m => m.Instrument == "messaging.publish.messages").Sum(m => m.Value);
                    return Task.FromResult(published >= 100);
                },
                s_timeout, "librdkafka's statistics to count the 100 messages produced", () => $"messaging.publish.messages = {published}", ct);
        }

        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(ct);
        var kafka = health.Entries["kafka"];
        Assert.True(kafka.Status == HealthStatus.Healthy, kafka.Description);
        Assert.Contains(broker.BootstrapServers, kafka.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithNoBrokerTheHealthCheckIsUnhealthyAndSaysWhere()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = Host(("ConnectionStrings:kafka", "127.0.0.1:9"));

        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(ct);

        var kafka = health.Entries["kafka"];
        Assert.Equal(HealthStatus.Unhealthy, kafka.Status);
        Assert.Contains("metadata request to 127.0.0.1:9 failed", kafka.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void SettingsCanLeaveOutHealthMetricsAndTracingAndNoBootstrapServersIsAClearError()
    {
        using var host = Host(("ConnectionStrings:kafka", "127.0.0.1:9"), ("RealtimeSales:Kafka:DisableHealthChecks", "true"),
            ("RealtimeSales:Kafka:DisableMetrics", "true"));

        Assert.Null(host.Services.GetService<KafkaHealthCheck>());
        Assert.Null(host.Services.GetService<KafkaClientMetrics>());

        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var error = Assert.Throws<InvalidOperationException>(() => builder.AddKafkaClients("kafka"));
        Assert.Contains("ConnectionStrings:kafka", error.Message, StringComparison.Ordinal);
    }

    private static IHost Host(params (string Key, string Value)[] settings)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)));
        builder.Services.AddMetrics();
        builder.AddKafkaClients("kafka");
        return builder.Build();
    }
}
