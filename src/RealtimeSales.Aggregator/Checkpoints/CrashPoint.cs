using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace RealtimeSales.Aggregator.Checkpoints;

/// <summary>
/// A test-only hook for the moments a crash hurts most: <c>REALTIMESALES_CRASH_AT=before-commit:N</c> (or
/// <c>after-commit:N</c>) SIGKILLs the process the Nth time a checkpoint reaches that point;
/// <c>before-commit:N:stop</c> SIGSTOPs it there instead, frozen inside its transaction with the checkpoint rows
/// locked, until someone sends SIGCONT. Unset, it costs one string comparison per checkpoint.
/// </summary>
internal static partial class CrashPoint
{
    public const string BeforeCommit = "before-commit";
    public const string AfterCommit = "after-commit";

    private const int SigStop = 19; // Linux

    private static readonly (string Point, int Count, bool Stop)? s_armed = Parse(Environment.GetEnvironmentVariable("REALTIMESALES_CRASH_AT"));
    private static int s_reached;

    public static void Reach(string point)
    {
        if (s_armed is not { } armed || armed.Point != point || Interlocked.Increment(ref s_reached) != armed.Count)
        {
            return;
        }

        Console.Error.WriteLine($"REALTIMESALES_CRASH_AT: {(armed.Stop ? "SIGSTOP" : "SIGKILL")} at {point} #{armed.Count}");
        if (armed.Stop)
        {
            // Returns once the process is continued; the checkpoint then carries on from where it froze.
            _ = Kill(Environment.ProcessId, SigStop);
            return;
        }

        using var self = Process.GetCurrentProcess();
        self.Kill();
    }

    private static (string, int, bool)? Parse(string? value) =>
        value?.Split(':') switch
        {
            [var point, var count] when Count(count) is { } n => (point, n, false),
            [var point, var count, "stop"] when Count(count) is { } n => (point, n, true),
            _ => null,
        };

    private static int? Count(string text) => int.TryParse(text, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null;

    [LibraryImport("libc", EntryPoint = "kill")]
    private static partial int Kill(int pid, int signal);
}
