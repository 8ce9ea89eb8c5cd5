using System.Globalization;
using RealtimeSales.Contracts;
using RealtimeSales.Oracle;
using RealtimeSales.Testing;

namespace RealtimeSales.Producer.Tests;

/// <summary>The producer as a real process against a real DevBroker process, checked by reading the topic back.</summary>
public sealed class ProducerProcessTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task TenThousandEventsArriveExactlyOnceInOrderAndEachStoreOnOnePartition()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var options = new ProducerOptions { Stores = 25, EventsPerSecond = 0, MaxEvents = 10_000, LateFraction = 0.05, Seed = 42 };
        await using var broker = await DevBrokerProcess.StartAsync(partitions: 6, cancellationToken);

        await using var producer = StartProducer(broker.BootstrapServers, options);
        var exitCode = await producer.WaitForExitAsync(s_timeout, cancellationToken);

        Assert.True(exitCode == 0, $"producer exited with {exitCode}:\n{producer.Tail()}");
        Assert.Contains(producer.Lines, line => line.Contains("10000 messages acknowledged, 0 failed", StringComparison.Ordinal));
        var log = TopicLog.Read(broker.BootstrapServers, Topics.Sales, TimeSpan.FromSeconds(30));
        var messages = log.Partitions.Values.SelectMany(partition => partition).ToList();
        Assert.Equal(10_000, messages.Count);

        var nowMicros = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1000;
        var decoded = messages.Select(message =>
        {
            var valid = SaleEventCodec.TryDecode(message.Key, message.Value, nowMicros, out SaleEvent? sale, out var rejection);
            Assert.True(valid, $"{message.Id}: {rejection}");
            return (message.Id.Partition, Sale: sale!);
        }).ToList();

        // Each store on exactly one partition, as keying by store promises.
        Assert.All(decoded.GroupBy(m => m.Sale.Store), store => Assert.Single(store.Select(m => m.Partition).Distinct()));

        // The seed fixes every store's sequence of items and prices: the topic holds exactly that
        // sequence, per store in offset order, so nothing was lost, duplicated or reordered.
        var generator = new SaleGenerator(options, TimeProvider.System);
        var expected = Enumerable.Range(0, 10_000).Select(_ => SaleEventOf(generator.Next())).ToLookup(sale => sale.Store, Describe);
        var actual = decoded.OrderBy(m => m.Partition).Select(m => m.Sale).ToLookup(sale => sale.Store, Describe);
        Assert.Equal(expected.Count, actual.Count);
        foreach (var store in expected)
        {
            Assert.Equal(store.ToList(), actual[store.Key].ToList());
        }
    }

    [Fact]
    public async Task ClientEventsQueuedAfterTheLastDeliveryDoNotCountAsUnacknowledgedMessages()
    {
        // librdkafka's Flush answers with its whole queue, statistics and logs included: a statistics report queued
        // just after the last delivery once made a finished run exit 1 with "1 messages not yet acknowledged".
        // A report every millisecond makes that moment likely in every run.
        var cancellationToken = TestContext.Current.CancellationToken;
        var options = new ProducerOptions { Stores = 5, EventsPerSecond = 0, MaxEvents = 2_000, Seed = 7 };
        await using var broker = await DevBrokerProcess.StartAsync(partitions: 2, cancellationToken);

        for (var run = 1; run <= 20; run++)
        {
            await using var producer = StartProducer(broker.BootstrapServers, options,
                ("RealtimeSales__Kafka__StatisticsInterval", "00:00:00.001"));
            var exitCode = await producer.WaitForExitAsync(s_timeout, cancellationToken);

            Assert.True(exitCode == 0, $"run {run}: producer exited with {exitCode}:\n{producer.Tail()}");
            Assert.DoesNotContain(producer.Lines, line => line.Contains("not yet acknowledged", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task AnInvalidSettingStopsItWithAMessageNamingTheKey()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var producer = StartProducer("127.0.0.1:1", new ProducerOptions { LateFraction = 0.7, MalformedFraction = 0.6 });

        var exitCode = await producer.WaitForExitAsync(s_timeout, cancellationToken);

        Assert.NotEqual(0, exitCode);
        Assert.Contains(producer.Lines, line => line.Contains("Producer:LateFraction", StringComparison.Ordinal));
    }

    private static ChildProcess StartProducer(string bootstrapServers, ProducerOptions options, params (string Key, string Value)[] extra) =>
        ChildProcess.StartDotnet("producer", BuiltProject.Dll("RealtimeSales.Producer"), [], new Dictionary<string, string>(
            extra.Select(setting => KeyValuePair.Create(setting.Key, setting.Value)))
        {
            ["ConnectionStrings__kafka"] = bootstrapServers,
            ["Producer__Stores"] = options.Stores.ToString(CultureInfo.InvariantCulture),
            ["Producer__EventsPerSecond"] = options.EventsPerSecond.ToString(CultureInfo.InvariantCulture),
            ["Producer__MaxEvents"] = options.MaxEvents.ToString(CultureInfo.InvariantCulture),
            ["Producer__LateFraction"] = options.LateFraction.ToString(CultureInfo.InvariantCulture),
            ["Producer__MalformedFraction"] = options.MalformedFraction.ToString(CultureInfo.InvariantCulture),
            ["Producer__Seed"] = options.Seed?.ToString(CultureInfo.InvariantCulture) ?? "",
        });

    private static SaleEvent SaleEventOf(GeneratedMessage message)
    {
        Assert.True(SaleEventCodec.TryDecode(message.Key, message.Value, long.MaxValue / 2, out SaleEvent? sale, out var rejection), rejection);
        return sale;
    }

    private static string Describe(SaleEvent sale) => string.Create(CultureInfo.InvariantCulture, $"{sale.Item} {sale.Price}");
}
