using System.Diagnostics;
using System.Globalization;

namespace RealtimeSales.Aggregator.Checkpoints;

/// <summary>
/// A test-only hook for the moments a crash hurts most: <c>REALTIMESALES_CRASH_AT=before-commit:N</c> (or
/// <c>after-commit:N</c>) SIGKILLs the process the Nth time a checkpoint reaches that point. Unset, it costs one
/// string comparison per checkpoint.
/// </summary>
internal static class CrashPoint
{
    public const string BeforeCommit = "before-commit";
    public const string AfterCommit = "after-commit";

    private static readonly (string Point, int Count)? s_armed = Parse(Environment.GetEnvironmentVariable("REALTIMESALES_CRASH_AT"));
    private static int s_reached;

    public static void Reach(string point)
    {
        if (s_armed is { } armed && armed.Point == point && Interlocked.Increment(ref s_reached) == armed.Count)
        {
            Console.Error.WriteLine($"REALTIMESALES_CRASH_AT: SIGKILL at {point} #{armed.Count}");
            using var self = Process.GetCurrentProcess();
            self.Kill();
        }
    }

    private static (string, int)? Parse(string? value) =>
        value?.Split(':') is [var point, var count] && int.TryParse(count, CultureInfo.InvariantCulture, out var n) && n > 0
            ? (point, n)
            : null;
}
