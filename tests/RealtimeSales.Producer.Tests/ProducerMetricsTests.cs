using System.Diagnostics.Metrics;

namespace RealtimeSales.Producer.Tests;

/// <summary>The producer's instruments report the delivery tallies, acknowledgements by kind.</summary>
public sealed class ProducerMetricsTests
{
    [Fact]
    public void AcknowledgementsAreReportedByKindAndFailuresApart()
    {
        using var factory = new MeterFactory();
        var metrics = new ProducerMetrics(factory);
        foreach (var kind in new[] { MessageKind.Valid, MessageKind.Valid, MessageKind.Valid, MessageKind.Late, MessageKind.Late, MessageKind.Malformed })
        {
            metrics.Counters.Acknowledge(kind);
        }

        metrics.Counters.Failure();

        var observed = Observe();

        Assert.Equal(3, observed[("sales.producer.events.acknowledged", "valid")]);
        Assert.Equal(2, observed[("sales.producer.events.acknowledged", "late")]);
        Assert.Equal(1, observed[("sales.producer.events.acknowledged", "malformed")]);
        Assert.Equal(1, observed[("sales.producer.events.failed", null)]);
    }

    private static Dictionary<(string Instrument, string? Kind), long> Observe()
    {
        Dictionary<(string, string?), long> observed = [];
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == ProducerMetrics.MeterName)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            string? kind = null;
            foreach (var tag in tags)
            {
                kind = tag.Key == "kind" ? (string?)tag.Value : kind;
            }

            observed[(instrument.Name, kind)] = value;
        });
        listener.Start();
        listener.RecordObservableInstruments();
        return observed;
    }

    /// <summary>What the host's IMeterFactory does, for one test: meters that live as long as it.</summary>
    private sealed class MeterFactory : IMeterFactory
    {
        private readonly List<Meter> _meters = [];

        public Meter Create(MeterOptions options)
        {
            var meter = new Meter(options);
            _meters.Add(meter);
            return meter;
        }

        public void Dispose() => _meters.ForEach(meter => meter.Dispose());
    }
}
