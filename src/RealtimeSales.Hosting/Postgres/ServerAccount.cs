using System.Diagnostics;
using System.Runtime.Versioning;

namespace RealtimeSales.Hosting.Postgres;

/// <summary>
/// The account PostgreSQL runs under. initdb and postgres refuse to run as root (DESIGN.md, "Environment
/// facts"), so a root process runs them as the <c>postgres</c> system user; anyone else runs them as themselves.
/// </summary>
/// <remarks>
/// Programs are launched through util-linux <c>setpriv</c>, not <c>runuser</c>: runuser forks and waits for
/// its child, so the server would not be our child and could not be tied to our lifetime. setpriv changes
/// the user ids and <c>exec</c>s, so the postmaster is our direct child with the pid we started, and its
/// <c>--pdeathsig</c> makes the kernel signal the server when the thread that started it dies, even on SIGKILL.
/// </remarks>
public sealed class ServerAccount
{
    private const string SystemUser = "postgres";
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private ServerAccount(bool switchesUser) => SwitchesUser = switchesUser;

    /// <summary>Whether programs run as the <c>postgres</c> system user rather than as this process's user.</summary>
    public bool SwitchesUser { get; }

    public static ServerAccount ForCurrentProcess() => new(NativeMethods.GetEffectiveUserId() == 0);

    /// <summary>
    /// How to start <paramref name="program"/> under this account. With <paramref name="parentDeathSignal"/>
    /// the kernel sends it that signal (a name such as <c>INT</c>) when the starting thread ends.
    /// </summary>
    public ProcessStartInfo Command(string program, IEnumerable<string> arguments, string? parentDeathSignal = null)
    {
        var start = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // The postgres user may not be allowed into our working directory; initdb complains if it cannot stat it.
            WorkingDirectory = "/",
        };

        if (SwitchesUser || parentDeathSignal is not null)
        {
            // A server gets its own session (setsid execs setpriv, keeping the pid): Ctrl+C in a terminal then
            // reaches only our process, which stops the server's clients before the server.
            start.FileName = parentDeathSignal is null ? "setpriv" : "setsid";
            if (parentDeathSignal is not null)
            {
                start.ArgumentList.Add("setpriv");
            }

            if (SwitchesUser)
            {
                start.ArgumentList.Add($"--reuid={SystemUser}");
                start.ArgumentList.Add($"--regid={SystemUser}");
                start.ArgumentList.Add("--init-groups");
            }

            if (parentDeathSignal is not null)
            {
                start.ArgumentList.Add($"--pdeathsig={parentDeathSignal}");
            }

            start.ArgumentList.Add("--");
            start.ArgumentList.Add(program);
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }

    /// <summary>
    /// The command line that runs <paramref name="program"/> under this account as a process of DCP's:
    /// <c>setpriv [--reuid=postgres --regid=postgres --init-groups] --pdeathsig=KILL -- program arguments</c>.
    /// setpriv execs, so the process DCP watches is the program itself; the parent-death signal takes it down
    /// should DCP die without stopping it.
    /// </summary>
    public (string FileName, IReadOnlyList<string> Arguments) ExecutableCommandLine(string program, IEnumerable<string> arguments) =>
    (
        "setpriv",
        [
            .. SwitchesUser ? (string[])[$"--reuid={SystemUser}", $"--regid={SystemUser}", "--init-groups"] : [],
            "--pdeathsig=KILL",
            "--",
            program,
            .. arguments,
        ]
    );

    /// <summary>Makes <paramref name="directory"/> (and everything in it) private to the server's account, as PostgreSQL demands.</summary>
    [SupportedOSPlatform("linux")]
    public async Task TakeOwnershipAsync(string directory, CancellationToken cancellationToken)
    {
        File.SetUnixFileMode(directory, OwnerOnly);
        if (SwitchesUser)
        {
            await ChownAsync(["-R", $"{SystemUser}:{SystemUser}", directory], cancellationToken);
        }
    }

    /// <summary>Writes a file only the server's account can read.</summary>
    [SupportedOSPlatform("linux")]
    public async Task WriteSecretAsync(string path, string contents, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        };
        await using (var stream = new FileStream(path, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(contents.AsMemory(), cancellationToken);
        }

        if (SwitchesUser)
        {
            await ChownAsync([$"{SystemUser}:{SystemUser}", path], cancellationToken);
        }
    }

    private static Task ChownAsync(string[] arguments, CancellationToken cancellationToken) => ProcessRunner.RunAsync(
        new ProcessStartInfo("chown", arguments) { RedirectStandardOutput = true, RedirectStandardError = true },
        $"The '{SystemUser}' system user must exist (Debian's postgresql package creates it).",
        cancellationToken);
}
