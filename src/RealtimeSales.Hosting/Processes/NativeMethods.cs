using System.Runtime.InteropServices;

namespace RealtimeSales.Hosting.Processes;

/// <summary>The two POSIX calls .NET has no API for, and the signals this library sends.</summary>
internal static class NativeMethods
{
    /// <summary>SIGINT asks the postmaster for a fast shutdown, SIGQUIT for an immediate one.</summary>
    public const int SigInt = 2;

    public const int SigQuit = 3;

    public const int SigKill = 9;

    /// <summary>SIGTERM asks any other program to exit cleanly.</summary>
    public const int SigTerm = 15;

    [DllImport("libc", EntryPoint = "geteuid", ExactSpelling = true)]
    public static extern uint GetEffectiveUserId();

    [DllImport("libc", EntryPoint = "kill", ExactSpelling = true)]
    public static extern int Kill(int pid, int signal);
}
