using System.Globalization;
using System.Text;
using RealtimeSales.Aggregator.Windowing;

namespace RealtimeSales.Aggregator.Reporting;

/// <summary>
/// Prints the windows committed since the last print as a console table, at most once per interval, in the format
/// the seed's Spark console sink printed every 10 s: a <c>Batch: N</c> banner, then
/// <c>store | total_revenue | window_start | window_end</c> with Spark's borders and right-aligned cells, at most
/// 20 rows (Spark's <c>show()</c> default) and a note saying how many were left out. Times are UTC.
/// </summary>
/// <remarks>
/// Writes to stdout, not through the logger: it is the aggregator's console in the Aspire dashboard that should read
/// like the seed's output, and a table is no structured log record. Thread-safe: windows are added by whichever thread
/// learns that a checkpoint committed, and printed from a timer.
/// </remarks>
internal sealed class ClosedWindowTable : IDisposable
{
    /// <summary>The seed's trigger interval.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(10);

    public const int MaxRows = 20;

    private static readonly string[] s_columns = ["store", "total_revenue", "window_start", "window_end"];

    private readonly Lock _gate = new();
    private readonly TextWriter _output;
    private readonly ITimer _timer;
    private List<ClosedWindow> _pending = [];
    private long _batch;

    public ClosedWindowTable(TextWriter output, TimeProvider clock, TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        _output = output;
        _timer = clock.CreateTimer(_ => Print(), null, interval, interval);
    }

    /// <summary>
    /// Takes windows whose checkpoint has committed (so what is printed is in <c>window_revenue</c>); they are printed
    /// with the next table. Cheap: a list append under a lock, nothing formatted until the timer fires.
    /// </summary>
    public void Committed(IReadOnlyCollection<ClosedWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        if (windows.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            _pending.AddRange(windows);
        }
    }

    /// <summary>Prints the windows taken since the last table, if there are any. The timer calls it; a stop may too.</summary>
    public void Print()
    {
        List<ClosedWindow> windows;
        long batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            (windows, _pending) = (_pending, []);
            batch = ++_batch;
        }

        var table = Format(batch, windows);
        lock (_output)
        {
            _output.Write(table);
            _output.Flush();
        }
    }

    public void Dispose() => _timer.Dispose();

    /// <summary>One table: the oldest windows first, stores in order within a window.</summary>
    internal static string Format(long batch, IReadOnlyCollection<ClosedWindow> windows)
    {
        var rows = windows
            .OrderBy(window => window.WindowStartMicros)
            .ThenBy(window => window.Store, StringComparer.Ordinal)
            .Take(MaxRows)
            .Select(window => (string[])[window.Store, Revenue(window.RevenueCents), Time(window.WindowStartMicros), Time(window.WindowEndMicros)])
            .ToList();
        var widths = s_columns.Select((column, i) => rows.Select(row => row[i].Length).Append(column.Length).Max()).ToArray();
        var border = "+" + string.Join("+", widths.Select(width => new string('-', width))) + "+";

        var text = new StringBuilder();
        text.AppendLine("-------------------------------------------");
        text.Append(CultureInfo.InvariantCulture, $"Batch: {batch}").AppendLine();
        text.AppendLine("-------------------------------------------");
        text.AppendLine(border);
        text.AppendLine(Row(s_columns, widths));
        text.AppendLine(border);
        foreach (var row in rows)
        {
            text.AppendLine(Row(row, widths));
        }

        text.AppendLine(border);
        if (windows.Count > MaxRows)
        {
            text.Append(CultureInfo.InvariantCulture, $"only showing top {MaxRows} rows of {windows.Count}").AppendLine();
        }

        return text.AppendLine().ToString();
    }

    private static string Row(string[] cells, int[] widths) =>
        "|" + string.Join("|", cells.Select((cell, i) => cell.PadLeft(widths[i]))) + "|";

    private static string Revenue(long cents) => (cents / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Time(long unixMicros) =>
        DateTimeOffset.UnixEpoch.AddTicks(unixMicros * 10).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
