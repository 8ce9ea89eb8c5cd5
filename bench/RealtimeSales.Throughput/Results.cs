using System.Globalization;
using System.Text;
using RealtimeSales.Benchmarks;

namespace RealtimeSales.Throughput;

/// <summary>Everything one run measured, and the tables it prints.</summary>
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
    public double Ratio => Aggregator.EventsPerSecond / Backlog.Ceiling;

    public string Table()
    {
        var o = Options;
        var a = Aggregator.Account;
        List<string[]> rows =
        [
            ["parse + aggregate, one core, in process", $"{Engine.PerCoreSecond:N0} ev/s per core-second (wall {Engine.PerWallSecond:N0}), " +
                $"{Engine.BytesPerEvent:0.##} B/event allocated", ">= 2,000,000 ev/s, 0 B/event", Verdict(Engine.PerCoreSecond >= 2_000_000 && Engine.BytesPerEvent < 1)],
            [$"memory per open window, {Footprint.Stores:N0} stores", $"{Footprint.BytesPerOpenWindow:N0} B (+ {Footprint.BytesPerStoreId:N0} B per store id)",
                "<= 256 B", Verdict(Footprint.BytesPerOpenWindow <= 256)],
            ["ceiling: bare consumer draining the backlog", $"{Backlog.Ceiling:N0} ev/s", "", ""],
            ["  producer alone, writing that backlog", $"{Backlog.ProducerAlone:N0} ev/s", "", ""],
            ["  aggregator (cold) draining the same backlog", $"{Backlog.Aggregator:N0} ev/s ({Backlog.Aggregator / Backlog.Ceiling:0.00} of the ceiling)", "", ""],
            ["aggregator (warm), exactly-once, producer running", $"{Aggregator.EventsPerSecond:N0} ev/s", "", ""],
            ["  producer meanwhile", $"{Aggregator.ProducerEventsPerSecond:N0} ev/s", "", ""],
            [$"  accounted for in PostgreSQL (with {AggregatorThroughput.WarmUpEvents:N0} warm-up)", $"{a.Total:N0} = {a.InClosedWindows:N0} in {a.ClosedWindows:N0} closed windows " +
                $"+ {a.InOpenWindows:N0} open + {a.Late:N0} late + {a.Rejected:N0} rejected", "every event",
                "met"], // or the run would have stopped: Pipeline.VerifyAccountedAsync

            ["ratio aggregator / ceiling", $"{Ratio:0.00}", ">= 0.7", Verdict(Ratio >= 0.7)],
            [$"close-to-visible at {o.SteadyRate:N0} ev/s, p50 / p99", Describe(Steady), "p99 <= 250 ms", Verdict(Steady.P99 <= 250)],
            ["close-to-visible at full load, p50 / p99", Describe(UnderLoad), "", ""],
            ["checkpoint duration (/metrics): mean; p50, p99 up to", Checkpoints is { } c
                ? $"{c.MeanMs:0.0} ms; {c.P50UpToMs:0.#}, {c.P99UpToMs:0.#} ms ({c.Count:N0} checkpoints)" : "not read", "", ""],
        ];
        if (Recoveries.Count > 0)
        {
            var median = Recoveries.OrderBy(r => r.TotalSeconds).ElementAt(Recoveries.Count / 2);
            var worst = Recoveries.Max(r => r.TotalSeconds);
            rows.Add([$"recovery, SIGKILL to processing ({Recoveries.Count} rounds), median / worst", $"{median.TotalSeconds:0.00} / {worst:0.00} s",
                "<= 3 s", Verdict(worst <= 3)]);
            rows.Add(["  median round: start-up / group join + claim / first checkpoint",
                $"{median.StartupSeconds:0.00} / {median.GroupSeconds:0.00} / {median.FirstCheckpointSeconds:0.00} s", "", ""]);
        }

        return Render(["measurement", "result", "target", ""], rows);
    }

    /// <summary>Who used the CPU in the three throughput phases: CPU seconds, share of all cores, CPU µs per event.</summary>
    public string CpuTable()
    {
        List<string[]> rows = [];
        Add("ceiling drain", Backlog.CeilingCpu);
        Add("aggregator drain", Backlog.AggregatorCpu);
        Add("aggregator + producer", Aggregator.Cpu);
        return Render(["phase", "process", "CPU s", "of all cores", "CPU µs/event"], rows);

        void Add(string phase, CpuUsage usage)
        {
            foreach (var (name, seconds) in usage.Groups.Where(g => g.Seconds > 0).Append(("other processes", usage.OtherSeconds)))
            {
                rows.Add([phase, name, $"{seconds:0.00}", $"{usage.Share(seconds):P0}", $"{seconds * 1e6 / Options.Events:0.00}"]);
                phase = "";
            }
        }
    }

    public string RatioLine() => string.Create(CultureInfo.InvariantCulture,
        $"ratio: {Ratio:0.00} (aggregator {Aggregator.EventsPerSecond:F0} ev/s vs ceiling {Backlog.Ceiling:F0} ev/s)");

    private static string Verdict(bool met) => met ? "met" : "MISS";

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
