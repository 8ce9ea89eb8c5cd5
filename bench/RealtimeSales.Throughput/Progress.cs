using System.Diagnostics;
using System.Globalization;

namespace RealtimeSales.Throughput;

/// <summary>Progress lines on stdout, each stamped with the time since the harness started.</summary>
internal static class Progress
{
    private static readonly long s_started = Stopwatch.GetTimestamp();

    public static void Line(string text) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{Stopwatch.GetElapsedTime(s_started).TotalSeconds,7:F1} s] {text}"));
}
