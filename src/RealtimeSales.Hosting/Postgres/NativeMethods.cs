using System.Runtime.InteropServices;

namespace RealtimeSales.Hosting.Postgres;

/// <summary>The POSIX call .NET has no API for.</summary>
internal static class NativeMethods
{
    [DllImport("libc", EntryPoint = "geteuid", ExactSpelling = true)]
    public static extern uint GetEffectiveUserId();
}
