using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace RealtimeSales.Kafka.Tests;

/// <summary>Reads the observable instruments of one meter on demand, as an OpenTelemetry reader would at each export.</summary>
internal sealed class MetricsCollector : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentBag<(string Instrument, long Value, Dictionary<string, object?> Tags)> _measurements = [];

    public MetricsCollector(string meterName)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == meterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
            _measurements.Add((instrument.Name, value, tags.ToArray().ToDictionary(tag => tag.Key, tag => tag.Value))));
        _listener.Start();
    }

    /// <summary>One collection: every instrument observed now.</summary>
    public IReadOnlyList<(string Instrument, long Value, Dictionary<string, object?> Tags)> Collect()
    {
        _measurements.Clear();
        _listener.RecordObservableInstruments();
        return [.. _measurements];
    }

    public void Dispose() => _listener.Dispose();
}
