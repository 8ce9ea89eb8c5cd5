using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting.ApplicationModel;

namespace RealtimeSales.Testing.Aspire;

/// <summary>
/// The processes behind resources. DCP starts a project through <c>dotnet run</c>, so the pid in its snapshot is that
/// wrapper's: the worker is the wrapper's descendant that runs the project's own executable.
/// </summary>
public static class WorkerProcesses
{
    /// <summary>The pid DCP reports for a resource instance: the executable's own, or a project's <c>dotnet run</c>.</summary>
    public static int? ReportedProcessId(ResourceEvent instance) =>
        instance.Snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value switch
        {
            int pid => pid,
            long pid => (int)pid,
            string text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) => pid,
            _ => null,
        };

    /// <summary>
    /// The process running <paramref name="executable"/> (e.g. <c>RealtimeSales.Aggregator</c>) for the only instance of
    /// <paramref name="resource"/>: the reported process itself, or its descendant when that is <c>dotnet run</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">There is no such process; the message shows the process tree.</exception>
    public static int WorkerProcess(this SalesApp app, string resource, string executable) => Find(app.Instance(resource), executable, app);

    /// <summary>Every instance's worker process, e.g. each replica's.</summary>
    public static IReadOnlyList<int> WorkerProcessesOf(this SalesApp app, string resource, string executable) =>
        [.. app.Resources.Instances(resource).Select(instance => Find(instance, executable, app))];

    /// <summary>SIGKILL: the process gets no chance to checkpoint, flush or say goodbye.</summary>
    public static void Kill(int pid)
    {
        using var process = Process.GetProcessById(pid);
        process.Kill();
    }

    private static int Find(ResourceEvent instance, string executable, SalesApp app)
    {
        var reported = ReportedProcessId(instance)
            ?? throw new InvalidOperationException($"'{instance.ResourceId}' reports no process.\n{app.Describe(instance.Resource.Name)}");
        int[] candidates = [reported, .. ProcessTree.DescendantsOf(reported)];
        return candidates.FirstOrDefault(pid => IsWorker(ProcessTree.CommandLine(pid), executable)) is var found and not 0
            ? found
            : throw new InvalidOperationException(
                $"No process of '{instance.ResourceId}' runs {executable}: " + string.Join("; ", candidates.Select(ProcessTree.Describe)));
    }

    /// <summary>The project's apphost (<c>…/bin/Release/net10.0/RealtimeSales.Aggregator</c>) or <c>dotnet RealtimeSales.X.dll</c>, not <c>dotnet run</c>.</summary>
    private static bool IsWorker(string commandLine, string executable) =>
        !commandLine.StartsWith("dotnet run", StringComparison.Ordinal)
        && commandLine.Split(' ').FirstOrDefault(part => part.Contains(executable, StringComparison.Ordinal)) is { } program
        && (program.EndsWith("/" + executable, StringComparison.Ordinal) || program.EndsWith("/" + executable + ".dll", StringComparison.Ordinal));
}
