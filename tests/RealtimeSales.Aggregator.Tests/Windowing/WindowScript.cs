using System.Globalization;
using RealtimeSales.Aggregator.Windowing;
using RealtimeSales.Contracts;

namespace RealtimeSales.Aggregator.Tests.Windowing;

/// <summary>
/// Runs a small script of steps against one <see cref="PartitionWindows"/> and renders what came out,
/// so that each semantic rule reads as a line of a table:
/// <c>s1 29.5 4.50</c> is a sale (store, ts in seconds, price) at the next offset;
/// <c>wall 100</c> sets the wall clock (seconds); <c>end</c> says the consumer reached the end of the partition
/// (<see cref="PartitionWindows.CaughtUp"/>); <c>stall</c> says the consume thread stalled
/// (<see cref="PartitionWindows.ForgetCaughtUp"/>); <c>reject</c> is a malformed message at the next offset; <c>idle</c> calls <see cref="PartitionWindows.AdvanceIfIdle"/>.
/// </summary>
internal static class WindowScript
{
    public const long Second = 1_000_000;

    public static PartitionWindows Run(WindowSpec spec, string script, out ScriptOutput output)
    {
        var windows = new PartitionWindows(spec, PartitionCheckpoint.Empty(0), []);
        output = Continue(windows, script, 0, 0);
        return windows;
    }

    public static ScriptOutput Continue(PartitionWindows windows, string script, long firstOffset, long wallMicros)
    {
        var closed = new List<string>();
        var late = new List<string>();
        var offset = firstOffset;
        foreach (var step in script.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = step.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            switch (parts[0])
            {
                case "wall":
                    wallMicros = Micros(parts[1]);
                    break;
                case "end":
                    windows.CaughtUp(wallMicros);
                    break;
                case "reject":
                    windows.Reject(offset++, null, [0xFF], "malformed", wallMicros);
                    break;
                case "stall":
                    windows.ForgetCaughtUp();
                    break;
                case "idle":
                    windows.AdvanceIfIdle(wallMicros);
                    break;
                default:
                    var sale = new Sale(parts[0], Cents(parts[2]), Micros(parts[1]));
                    windows.Add(offset++, sale, wallMicros);
                    break;
            }
        }

        var delta = windows.Seal();
        closed.AddRange(delta.ClosedWindows.Select(Render));
        late.AddRange(delta.LateEvents.Select(Render));
        return new ScriptOutput(closed, late);
    }

    public static string Render(ClosedWindow window) => string.Create(CultureInfo.InvariantCulture,
        $"{window.Store} {Seconds(window.WindowStartMicros)}-{Seconds(window.WindowEndMicros)} {window.RevenueCents / 100m:F2} x{window.EventCount}");

    public static string Render(LateEvent late) => string.Create(CultureInfo.InvariantCulture,
        $"{late.Store} {Seconds(late.TimestampMicros)} @{late.Offset}");

    public static string Seconds(long micros) => (micros / (decimal)Second).ToString(CultureInfo.InvariantCulture);

    private static long Micros(string seconds) => (long)(decimal.Parse(seconds, CultureInfo.InvariantCulture) * Second);

    private static long Cents(string price) => (long)(decimal.Parse(price, CultureInfo.InvariantCulture) * 100);
}
