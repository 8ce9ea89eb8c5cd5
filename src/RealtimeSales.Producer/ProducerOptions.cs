using System.ComponentModel.DataAnnotations;
using RealtimeSales.Contracts;

namespace RealtimeSales.Producer;

/// <summary>The <c>Producer:*</c> settings (DESIGN.md, "Configuration").</summary>
public sealed class ProducerOptions
{
    public const string SectionName = "Producer";

    /// <summary>Topic the receipts go to.</summary>
    [Required]
    public string Topic { get; set; } = Topics.Sales;

    /// <summary>Number of simulated stores, <c>store-1</c> … <c>store-N</c>.</summary>
    [Range(1, 1_000_000)]
    public int Stores { get; set; } = 10;

    /// <summary>Total rate over all stores; 0 means as fast as the broker takes them.</summary>
    [Range(0, 10_000_000)]
    public double EventsPerSecond { get; set; } = 20;

    /// <summary>Stop, flushed, after this many messages (valid, late and malformed together); 0 runs forever.</summary>
    [Range(0, long.MaxValue)]
    public long MaxEvents { get; set; }

    /// <summary>Share of events whose timestamp lags by 30–90 seconds.</summary>
    [Range(0.0, 1.0)]
    public double LateFraction { get; set; }

    /// <summary>Share of deliberately malformed messages, to exercise the aggregator's rejections.</summary>
    [Range(0.0, 1.0)]
    public double MalformedFraction { get; set; }

    /// <summary>Seed for a reproducible stream of stores, items, prices and faults; random when unset.</summary>
    public int? Seed { get; set; }
}
