using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Hosting.Orchestration;

/// <summary>
/// What a developer running the AppHost sees: every resource's output prefixed with its name (with the AppHost's
/// own notes on it, such as why it failed to start), a status table whenever states settle after a change, and the
/// endpoints once everything is ready.
/// </summary>
internal sealed class ConsoleView(ResourceNotificationService notifications, ResourceLoggerService logs, IHostEnvironment environment,
    IHostApplicationLifetime lifetime) : IHostedService
{
    // A table is printed once states have been still this long, so a burst of changes gives one table.
    private static readonly TimeSpan s_settle = TimeSpan.FromSeconds(1);
    private static readonly string[] s_colours = ["\e[36m", "\e[33m", "\e[35m", "\e[32m", "\e[34m", "\e[96m", "\e[93m", "\e[95m"];
    private const string Red = "\e[31m";
    private const string Reset = "\e[0m";

    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _console = new();
    private readonly Dictionary<string, ResourceSnapshot> _latest = [];
    private readonly Stopwatch _sinceStart = Stopwatch.StartNew();
    private readonly bool _colour = !Console.IsOutputRedirected;
    private Dictionary<string, string> _prefixes = [];
    private Task _echo = Task.CompletedTask;
    private Task _status = Task.CompletedTask;
    private long _lastChange;
    private string _printed = "";
    private bool _readyShown;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var units = notifications.GetSnapshots();
        var width = units.Count == 0 ? 0 : units.Max(unit => unit.Name.Length);
        _prefixes = units.Select((unit, index) => (unit.Name, Prefix: Colour(unit.Name.PadRight(width) + "|", s_colours[index % s_colours.Length])))
            .ToDictionary(entry => entry.Name, entry => entry.Prefix);
        WriteLine($"{environment.ApplicationName}: starting {string.Join(", ", units.Select(unit => unit.Name))} ({environment.EnvironmentName}). Ctrl+C stops everything.");
        lifetime.ApplicationStopping.Register(() => WriteLine("Stopping: projects first, then what they use…"));
        _echo = EchoAsync(_stop.Token);
        _status = StatusAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_echo, _status);
        PrintStatus();
        WriteLine("Stopped.");
    }

    private async Task EchoAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var line in logs.WatchAllAsync(cancellationToken))
            {
                var prefix = _prefixes.GetValueOrDefault(line.ResourceName, line.ResourceName + "|");

                // The AppHost's own bad news about a resource (failed to start, crashed, unhealthy) stands out.
                var text = line.IsErrorOutput && line.Text.StartsWith(UnitController.NotePrefix, StringComparison.Ordinal) ? Colour(line.Text, Red) : line.Text;
                WriteLine($"{prefix} {text}");
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task StatusAsync(CancellationToken cancellationToken)
    {
        var watch = WatchAsync(cancellationToken);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                if (Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastChange)) >= s_settle)
                {
                    PrintStatus();
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }

        await watch;
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var snapshot in notifications.WatchAsync(cancellationToken))
            {
                lock (_console)
                {
                    _latest[snapshot.Name] = snapshot;
                }

                Interlocked.Exchange(ref _lastChange, Stopwatch.GetTimestamp());
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private void PrintStatus()
    {
        lock (_console)
        {
            var units = _latest.Values.ToList();
            var signature = StatusTable.Signature(units);
            if (units.Count == 0 || signature == _printed)
            {
                return;
            }

            _printed = signature;
            Console.Out.WriteLine($"{DateTime.Now:HH:mm:ss} resources:");
            Console.Out.WriteLine(StatusTable.Format(units));
            if (!_readyShown && units.All(unit => unit.IsHealthy || unit.State == ResourceState.Finished))
            {
                _readyShown = true;
                Console.Out.WriteLine($"Ready in {_sinceStart.Elapsed.TotalSeconds:0.0} s. Endpoints (local development credentials):");
                foreach (var unit in units.Where(unit => unit.Endpoints.Count > 0))
                {
                    Console.Out.WriteLine($"{unit.Name}: {unit.Endpoints[0].Address}");
                }
            }
        }
    }

    private void WriteLine(string text)
    {
        lock (_console)
        {
            Console.Out.WriteLine(text);
        }
    }

    private string Colour(string text, string colour) => _colour ? colour + text + Reset : text;
}
