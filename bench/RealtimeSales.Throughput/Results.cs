using System.Globalization;
using System.Text;
using RealtimeSales.Benchmarks;

namespace RealtimeSales.Throughput;

/// <summary>Everything one run measured, the targets of issue 12 it met or missed, and the tables it prints.</summary>
internal sealed record Results(
    HarnessOptions Options,
    EngineMeasurement Engine,
    OpenWindowFootprint Footprint,
    BacklogRun Backlog,
    AggregatorRun Aggregator,
    Latencies UnderLoad,
    Latencies Steady,
    CheckpointHistogram? Checkpoints,
    IReadOnlyList<RecoveryRound> Recoveries,
    string LoadAverage)
{
    private const string Missed = "MISSED";

    /// <summary>The headline: the median aggregator-alone drain over the faster of the two median ceilings.</summary>
    public double Ratio => Backlog.Aggregator / Backlog.Ceiling;

    /// <summary>The aggregator's CPU per event while draining, median over the rounds.</summary>
    private double AggregatorDrainMicros => BacklogRun.Median(Backlog.Rounds.Select(r => r.Aggregator.CpuMicrosPerEvent));

    private double ProducerMicros => Aggregator.Cpu.MicrosPerEvent(Pipeline.ProducerCpu, Options.Events);

    private RecoveryRound? MedianRecovery => Recoveries.Count == 0 ? null : Recoveries.OrderBy(r => r.TotalSeconds).ElementAt(Recoveries.Count / 2);

    private double WorstRecovery => Recoveries.Count == 0 ? double.NaN : Recoveries.Max(r => r.TotalSeconds);

    private bool EngineMet => Engine.PerCoreSecond >= 5_000_000 && Engine.BytesPerEvent < 1;

    private bool FootprintMet => Footprint.BytesPerOpenWindow <= 256;

    private bool RatioMet => Ratio >= 0.7;

    private bool DrainCpuMet => AggregatorDrainMicros <= 1.5;

    private bool ProducerCpuMet => ProducerMicros <= 2.5;

    private bool NoRebalanceMet => Aggregator.Lag.OwnershipChanges == 0 && !Aggregator.Lag.AggregatorReplaced;

    private bool SteadyMet => Steady.P99 <= 100;

    private bool UnderLoadMet => UnderLoad.P99 <= 250;

    private bool RecoveryMet => MedianRecovery is { } median && median.TotalSeconds <= 3 && WorstRecovery <= 4;

    /// <summary>Every target of issue 12 with whether this run met it.</summary>
    public IReadOnlyList<(string Target, bool Met)> Targets
    {
        get
        {
            List<(string, bool)> targets =
            [
                ("parse + aggregate >= 5,000,000 ev/s per core, < 1 B/event", EngineMet),
                ("memory per open window <= 256 B", FootprintMet),
                ($"ratio aggregator / faster ceiling ({Backlog.CeilingName}) >= 0.7", RatioMet),
                ("aggregator CPU per event while draining <= 1.5 µs", DrainCpuMet),
                ("producer CPU per event <= 2.5 µs", ProducerCpuMet),
                ("no partition ownership change under full load", NoRebalanceMet),
                ($"close-to-visible p99 at {Options.SteadyRate:N0} ev/s <= 100 ms", SteadyMet),
                ("close-to-visible p99 at full load <= 250 ms", UnderLoadMet),
            ];
            if (Recoveries.Count > 0)
            {
                targets.Add(("recovery median <= 3 s, worst <= 4 s", RecoveryMet));
            }

            return targets;
        }
    }

    public string Table()
    {
        var o = Options;
        var b = Backlog;
        var a = Aggregator;
        var rounds = b.Rounds.Count;
        var harnessShare = BacklogRun.Median(b.Rounds.Select(r => r.Aggregator.Cpu.Of(Pipeline.HarnessCpu) / r.Aggregator.Cpu.WallSeconds));
        List<string[]> rows =
        [
            ["parse + aggregate, one core, in process", $"{Engine.PerCoreSecond:N0} ev/s per core-second (wall {Engine.PerWallSecond:N0}), " +
                $"{Engine.BytesPerEvent:0.##} B/event allocated", ">= 5,000,000 ev/s, 0 B/event", Verdict(EngineMet)],
            [$"memory per open window, {Footprint.Stores:N0} stores", $"{Footprint.BytesPerOpenWindow:N0} B (+ {Footprint.BytesPerStoreId:N0} B per store id)",
                "<= 256 B", Verdict(FootprintMet)],
            ["producer alone, writing the backlog", Rate(b.ProducerAlone.EventsPerSecond, b.ProducerAlone.CpuMicrosPerEvent), "", ""],
            [$"ceiling (a): bare consumer, Confluent Consume loop, median of {rounds}",
                Rate(b.ConsumeCeiling, MedianMicros(r => r.ConsumeCeiling)), "", ""],
            [$"ceiling (b): bare consumer, the aggregator's batch path, median of {rounds}",
                Rate(b.BatchCeiling, MedianMicros(r => r.BatchCeiling)), "", ""],
            [$"aggregator alone draining the same backlog (cold, exactly-once), median of {rounds}", Rate(b.Aggregator, AggregatorDrainMicros),
                "<= 1.5 µs CPU/event", Verdict(DrainCpuMet)],
            ["  accounted for in PostgreSQL, every round, row for row", Describe(b.Rounds[^1].Account), "every event", "met"], // or the run stopped
            ["  the harness itself meanwhile (polls PostgreSQL, samples /proc)",
                $"{BacklogRun.Median(b.Rounds.Select(r => r.HarnessMicrosPerEvent)):0.000} µs CPU/event, {harnessShare:P1} of one core", "", ""],
            [$"**ratio** aggregator / faster ceiling ({b.CeilingName}), medians of {rounds} rounds", $"**{Ratio:0.00}**", ">= 0.7", Verdict(RatioMet)],
            ["aggregator (warm) + producer at once, same machine", $"{a.EventsPerSecond:N0} ev/s, {a.EventsPerSecond / b.Ceiling:0.00} of the faster ceiling",
                "reported", ""],
            ["  producer meanwhile", Rate(a.ProducerEventsPerSecond, ProducerMicros), "<= 2.5 µs CPU/event", Verdict(ProducerCpuMet)],
            ["  aggregator meanwhile", $"{a.Cpu.MicrosPerEvent(Pipeline.AggregatorCpu, o.Events):0.00} µs CPU/event", "", ""],
            ["  the harness itself meanwhile (lag samples, polling)", $"{a.Cpu.MicrosPerEvent(Pipeline.HarnessCpu, o.Events):0.000} µs CPU/event", "", ""],
            ["  checkpoint lag, max / median; ownership changes", $"{a.Lag.MaxLag:N0} / {a.Lag.MedianLag:N0} events ({a.Lag.Samples} samples); " +
                $"{a.Lag.OwnershipChanges} assignments, revocations or losses{(a.Lag.AggregatorReplaced ? " (the aggregator was replaced: incomplete)" : "")}",
                "no rebalance", Verdict(NoRebalanceMet)],
            [$"  accounted for in PostgreSQL (with {AggregatorThroughput.WarmUpEvents:N0} warm-up), row for row", Describe(a.Account), "every event", "met"],
            [$"close-to-visible at {o.SteadyRate:N0} ev/s, p50 / p99", Describe(Steady), "p99 <= 100 ms", Verdict(SteadyMet)],
            ["close-to-visible at full load, p50 / p99", Describe(UnderLoad), "p99 <= 250 ms", Verdict(UnderLoadMet)],
            ["checkpoint duration (/metrics): mean; p50, p99 up to", Checkpoints is { } c
                ? $"{c.MeanMs:0.0} ms; {c.P50UpToMs:0.#}, {c.P99UpToMs:0.#} ms ({c.Count:N0} checkpoints)" : "not read", "", ""],
        ];
        if (MedianRecovery is { } median)
        {
            rows.Add([$"recovery, SIGKILL to processing, median / worst of {Recoveries.Count}", $"{median.TotalSeconds:0.00} / {WorstRecovery:0.00} s",
                "<= 3 s / <= 4 s", Verdict(RecoveryMet)]);
            rows.Add(["  median round: start-up / group join + claim / first checkpoint",
                $"{median.StartupSeconds:0.00} / {median.GroupSeconds:0.00} / {median.FirstCheckpointSeconds:0.00} s", "", ""]);
        }

        return Render(["measurement", "result", "target", ""], rows);
    }

    /// <summary>The interleaved rounds of the backlog phase, one row each, in the order they ran.</summary>
    public string RoundsTable()
    {
        var rows = Backlog.Rounds.Select((r, i) => new[]
        {
            $"{i + 1}",
            r.LoadAverage,
            $"{r.ConsumeCeiling.EventsPerSecond:N0}",
            $"{r.ConsumeCeiling.CpuMicrosPerEvent:0.00}",
            $"{r.BatchCeiling.EventsPerSecond:N0}",
            $"{r.BatchCeiling.CpuMicrosPerEvent:0.00}",
            $"{r.Aggregator.EventsPerSecond:N0}",
            $"{r.Aggregator.CpuMicrosPerEvent:0.00}",
            $"{r.HarnessMicrosPerEvent:0.000}",
            $"{r.Ratio:0.00}",
        }).ToList();
        return Render(["round", "load average", "Consume ev/s", "µs CPU/ev", "batch ev/s", "µs CPU/ev", "aggregator ev/s", "µs CPU/ev",
            "harness µs CPU/ev meanwhile", "ratio to the round's faster"], rows);
    }

    /// <summary>Who used the CPU in the throughput phases: CPU seconds, share of all cores, CPU µs per event.</summary>
    public string CpuTable()
    {
        List<string[]> rows = [];
        var b = Backlog;
        Add("producer alone (backlog)", b.ProducerAlone.Cpu, b.Events, "");
        Add("ceiling (a), Consume loop (median round)", b.MedianCeilingRound.ConsumeCeiling.Cpu, b.Events, " (the bare consumer)");
        Add("ceiling (b), batch path (median round)", b.MedianCeilingRound.BatchCeiling.Cpu, b.Events, " (the bare consumer)");
        Add("aggregator drain (median round)", b.MedianAggregatorRound.Aggregator.Cpu, b.Events, "");
        Add("aggregator + producer", Aggregator.Cpu, Options.Events, "");
        return Render(["phase", "process", "CPU s", "of all cores", "CPU µs/event"], rows);

        void Add(string phase, CpuUsage usage, long events, string harnessRole)
        {
            foreach (var (name, seconds) in usage.Groups.Where(g => g.Seconds > 0).Append(("other processes", usage.OtherSeconds)))
            {
                var label = name == Pipeline.HarnessCpu ? name + harnessRole : name;
                rows.Add([phase, label, $"{seconds:0.00}", $"{usage.Share(seconds):P0}", $"{seconds * 1e6 / events:0.00}"]);
                phase = "";
            }
        }
    }

    /// <summary>The targets this run missed, one per line; empty when it met them all.</summary>
    public string MissedTargets() => string.Concat(Targets.Where(t => !t.Met).Select(t => $"{Missed}: {t.Target}\n"));

    /// <summary>The headline, the last line: medians of the rounds, against the faster of the two ceilings.</summary>
    public string RatioLine() => string.Create(CultureInfo.InvariantCulture,
        $"ratio: {Ratio:0.00} (aggregator {Backlog.Aggregator:F0} ev/s vs ceiling {Backlog.Ceiling:F0} ev/s)");

    private static string Verdict(bool met) => met ? "met" : Missed;

    private static string Rate(double eventsPerSecond, double cpuMicrosPerEvent) => $"{eventsPerSecond:N0} ev/s, {cpuMicrosPerEvent:0.00} µs CPU/event";

    private double MedianMicros(Func<DrainRound, DrainRate> drain) => BacklogRun.Median(Backlog.Rounds.Select(r => drain(r).CpuMicrosPerEvent));

    private static string Describe(EventAccount account) =>
        $"{account.Total:N0} = {account.InClosedWindows:N0} in {account.ClosedWindows:N0} windows + {account.Late:N0} late + {account.Rejected:N0} rejected";

    private static string Describe(Latencies latencies) => latencies.Count == 0
        ? "no window closed"
        : $"{latencies.P50:N0} / {latencies.P99:N0} ms (max {latencies.Max:N0}, {latencies.Count:N0} windows)";

    /// <summary>A Markdown table, padded so that it also reads well on a terminal.</summary>
    private static string Render(string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var table = new StringBuilder();
        Line(header);
        Line([.. widths.Select(w => new string('-', w))]);
        foreach (var row in rows)
        {
            Line(row);
        }

        return table.ToString();

        void Line(string[] cells) =>
            table.AppendLine(CultureInfo.InvariantCulture, $"| {string.Join(" | ", cells.Select((c, i) => c.PadRight(widths[i])))} |");
    }
}
