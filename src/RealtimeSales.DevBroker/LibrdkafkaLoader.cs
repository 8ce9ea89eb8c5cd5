using System.Reflection;
using System.Runtime.InteropServices;

namespace RealtimeSales.DevBroker;

/// <summary>
/// Loads librdkafka once for both our P/Invokes and Confluent.Kafka, so that the mock cluster and any
/// Confluent client in this process share one copy of the library (two copies would mean two sets of
/// globals and handles that must never cross).
/// </summary>
/// <remarks>
/// On Debian 12 the package's default <c>librdkafka.so</c> needs <c>libsasl2.so.3</c>, which is missing;
/// Confluent.Kafka then falls back to <c>centos8-librdkafka.so</c>. We try the files in the same order.
/// </remarks>
internal static class LibrdkafkaLoader
{
    private static readonly string[] s_candidateFileNames = ["librdkafka.so", "centos8-librdkafka.so"];
    private static readonly Lock s_lock = new();
    private static nint s_handle;
    private static string? s_path;

    /// <summary>Loads the library (once) and returns the path of the file in use.</summary>
    public static string Load()
    {
        lock (s_lock)
        {
            if (s_path is not null)
            {
                return s_path;
            }

            (s_handle, s_path) = LoadFirstCandidate();
            NativeLibrary.SetDllImportResolver(typeof(LibrdkafkaLoader).Assembly, Resolve);

            // Confluent.Kafka binds [DllImport("librdkafka")] first: route that name to our handle as well, then
            // load it eagerly. Not Library.Load(path): on Linux that P/Invokes dlopen from "libdl", and Debian 12
            // (glibc 2.36) has only libdl.so.2, so it throws DllNotFoundException.
            NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, Resolve);
            Confluent.Kafka.Library.Load();
            return s_path;
        }
    }

    private static nint Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath) =>
        libraryName == MockClusterNative.LibraryName ? s_handle : 0;

    private static (nint Handle, string Path) LoadFirstCandidate()
    {
        var tried = new List<string>();
        foreach (var path in CandidatePaths())
        {
            if (!File.Exists(path))
            {
                continue;
            }

            if (NativeLibrary.TryLoad(path, out var handle))
            {
                return (handle, path);
            }

            tried.Add(path);
        }

        throw new DllNotFoundException(
            tried.Count == 0
                ? $"librdkafka was not found under {AppContext.BaseDirectory}; build the DevBroker so that the Confluent.Kafka native assets are copied."
                : $"librdkafka could not be loaded from any of: {string.Join(", ", tried)} (missing system dependencies? check with ldd).");
    }

    private static IEnumerable<string> CandidatePaths()
    {
        var runtimeIdentifier = $"linux-{RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant()}";
        string[] directories =
        [
            Path.Combine(AppContext.BaseDirectory, "runtimes", runtimeIdentifier, "native"),
            AppContext.BaseDirectory,
        ];
        return directories.SelectMany(directory => s_candidateFileNames.Select(name => Path.Combine(directory, name)));
    }
}
