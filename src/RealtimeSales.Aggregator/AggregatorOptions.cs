using System.ComponentModel.DataAnnotations;
using RealtimeSales.Contracts;

namespace RealtimeSales.Aggregator;

/// <summary>The <c>Aggregator:*</c> settings (DESIGN.md, "Configuration").</summary>
public sealed class AggregatorOptions
{
    public const string SectionName = "Aggregator";

    /// <summary>Topic to aggregate.</summary>
    [Required]
    public string Topic { get; set; } = Topics.Sales;

    /// <summary>Consumer group; replicas in one group split the partitions.</summary>
    [Required]
    public string GroupId { get; set; } = "sales-aggregator";

    /// <summary>Tumbling window size W.</summary>
    public TimeSpan WindowSize { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Watermark delay D: how long to wait for out-of-order events.</summary>
    public TimeSpan WatermarkDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wall-clock silence at the end of a partition before its watermark advances; unset means 2·W.</summary>
    public TimeSpan? IdleTimeout { get; set; }

    /// <summary>At most this long between checkpoints.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Kafka's <c>session.timeout.ms</c>: how long the group waits for a crashed member before giving its partitions
    /// to another, which is most of a crash's recovery time. 6 s is the lowest a Kafka broker accepts by default
    /// (<c>group.min.session.timeout.ms</c>); the DevBroker has no floor.
    /// </summary>
    public TimeSpan SessionTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>
    /// PostgreSQL's <c>idle_in_transaction_session_timeout</c> for the aggregator's sessions: an aggregator that stops
    /// answering inside a checkpoint transaction (frozen, cut off) holds its checkpoint rows locked, and the member
    /// that takes its partitions over waits on them; past this the server ends that session and releases them. The
    /// aggregator's own transactions are a few round trips long.
    /// </summary>
    public TimeSpan IdleInTransactionTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Print the committed windows on the console as a table every 10 s, as the seed's console sink did; unset means
    /// on in Development (what the AppHost runs), off elsewhere. <c>Aggregator:PrintWindows=false</c> turns it off.
    /// </summary>
    public bool? PrintWindows { get; set; }

    /// <summary>The idle timeout in force: as configured, else twice the window size.</summary>
    public TimeSpan EffectiveIdleTimeout => IdleTimeout ?? WindowSize * 2;

    /// <summary>Whether the window table is printed: as configured, else in Development only.</summary>
    public bool EffectivePrintWindows(bool isDevelopment) => PrintWindows ?? isDevelopment;
}
