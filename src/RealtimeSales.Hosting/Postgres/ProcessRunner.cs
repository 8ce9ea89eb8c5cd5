using System.ComponentModel;
using System.Diagnostics;

namespace RealtimeSales.Hosting.Postgres;

/// <summary>Runs a short-lived program to completion and turns a failure into a message with its output.</summary>
internal static class ProcessRunner
{
    public static async Task RunAsync(ProcessStartInfo start, string failureHint, CancellationToken cancellationToken)
    {
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"Could not run '{start.FileName}': {e.Message}. {failureHint}", e);
        }

        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var errors = process.StandardError.ReadToEndAsync(CancellationToken.None);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{start.FileName} {string.Join(' ', start.ArgumentList)}' failed with exit code {process.ExitCode}. {failureHint}" +
                Environment.NewLine + (await output + await errors).TrimEnd());
        }
    }
}
