using System.Globalization;
using System.Text.RegularExpressions;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using RealtimeSales.Oracle;

namespace RealtimeSales.Testing.Aspire;

/// <summary>
/// The AppHost's application (its Program.cs) started through Aspire.Hosting.Testing for a test: short windows, a
/// producer that finishes, and the test's own overrides; with the resources' logs kept for failure messages.
/// </summary>
public sealed partial class SalesApp : IAsyncDisposable
{
    /// <summary>The Aspire dashboard's own (hidden) resource.</summary>
    private const string DashboardResource = "aspire-dashboard";

    /// <summary>W = 2 s, D = 2 s, idle timeout 4 s, a checkpoint every 0.5 s.</summary>
    public static readonly AggregatorSettings Aggregator = new();

    /// <summary>How long a resource may take to become healthy: a cold DCP start, project builds excluded.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    /// <summary>How long the aggregators get to account for a finished stream.</summary>
    public static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(120);

    /// <summary>How long a line a resource has written may take to reach the test (it comes by its own stream).</summary>
    public static readonly TimeSpan LogTimeout = TimeSpan.FromSeconds(10);

    private readonly CancellationTokenSource _stopStarting;

    private SalesApp(DistributedApplication app, ResourceObserver resources, Task started, CancellationTokenSource stopStarting)
    {
        App = app;
        Resources = resources;
        Started = started;
        _stopStarting = stopStarting;
    }

    public DistributedApplication App { get; }

    /// <summary>
    /// Aspire's start: it completes only once every resource is past its waits, so a resource waiting for one that never
    /// becomes healthy holds it for ever (Aspire #6871). The waits of <see cref="ResourceWaits"/> race it instead of
    /// following it, and report its failure if it fails.
    /// </summary>
    public Task Started { get; }

    /// <summary>Every resource instance's latest state and console log since the start (the most recent lines).</summary>
    public ResourceObserver Resources { get; }

    /// <summary>The AppHost's command line for short windows and this producer, followed by <paramref name="extra"/>.</summary>
    public static string[] Arguments(ProducerSettings producer, params string[] extra) =>
    [
        $"--Aggregator:WindowSize={Invariant(Aggregator.WindowSize)}",
        $"--Aggregator:WatermarkDelay={Invariant(Aggregator.WatermarkDelay)}",
        $"--Aggregator:IdleTimeout={Invariant(Aggregator.IdleTimeout)}",
        $"--Aggregator:CheckpointInterval={Invariant(Aggregator.CheckpointInterval)}",
        $"--Producer:MaxEvents={Invariant(producer.MaxEvents)}",
        $"--Producer:EventsPerSecond={Invariant(producer.EventsPerSecond)}",
        $"--Producer:Stores={Invariant(producer.Stores)}",
        $"--Producer:LateFraction={Invariant(producer.LateFraction)}",
        $"--Producer:MalformedFraction={Invariant(producer.MalformedFraction)}",
        .. producer.Seed is { } seed ? [$"--Producer:Seed={Invariant(seed)}"] : Array.Empty<string>(),
        .. extra,
    ];

    /// <summary>
    /// Builds the AppHost's application with <paramref name="args"/> (and <paramref name="configure"/>'s changes to the
    /// model) and starts it. Aspire's dashboard runs only when <paramref name="dashboard"/> is set
    /// (<see cref="DashboardLoginUrlAsync"/> says where).
    /// </summary>
    public static async Task<SalesApp> StartAsync(string[] args, CancellationToken cancellationToken,
        Action<IDistributedApplicationTestingBuilder>? configure = null, bool dashboard = false)
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.RealtimeSales_AppHost>(
            args, (options, _) => options.DisableDashboard = !dashboard, cancellationToken);
        configure?.Invoke(builder);
        var app = await builder.BuildAsync(cancellationToken);
        var resources = ResourceObserver.Observe(app);
        var stopStarting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        return new SalesApp(app, resources, app.StartAsync(stopStarting.Token), stopStarting);
    }

    /// <summary>
    /// Waits for the producer to finish and the aggregators to be healthy (the schema exists by then), then compares
    /// the database with an independent recount of the topic.
    /// </summary>
    public async Task<ExactlyOnceReport> CheckExactlyOnceAsync(CancellationToken cancellationToken)
    {
        await this.WaitForStateAsync("producer", KnownResourceStates.Finished, SettleTimeout, cancellationToken);
        await this.WaitForHealthyAsync("aggregator", StartTimeout, cancellationToken);
        return await ExactlyOnce.CheckAsync(
            await ConnectionStringAsync("kafka", cancellationToken),
            await ConnectionStringAsync("salesdb", cancellationToken),
            Aggregator, ProducerLines.Tally(Resources.Instances("producer").SelectMany(producer => Resources.Lines(producer.ResourceId))),
            SettleTimeout, () => Describe("aggregator"), cancellationToken);
    }

    /// <summary>
    /// The Aspire dashboard's login link, as the dashboard logs it: Aspire.Hosting.Testing gives it ports of DCP's choosing
    /// and a token of its own, whatever the AppHost's settings say.
    /// </summary>
    public async Task<Uri> DashboardLoginUrlAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        Uri? login = null;
        await Eventually.WaitUntilAsync(() =>
            {
                login = Resources.Instances(DashboardResource)
                    .SelectMany(dashboard => Resources.Lines(dashboard.ResourceId))
                    .Select(line => DashboardLoginUrl().Match(line))
                    .Where(match => match.Success)
                    .Select(match => new Uri(match.Groups["url"].Value))
                    .LastOrDefault();
                return Task.FromResult(login is not null);
            },
            timeout, "the Aspire dashboard's login URL in its log", () => Describe(DashboardResource), cancellationToken);
        return login!;
    }

    /// <summary>A resource's connection string as its dependents get it, once Aspire's start is through (not before: Aspire refuses).</summary>
    public async Task<string> ConnectionStringAsync(string resource, CancellationToken cancellationToken)
    {
        try
        {
            await Started.WaitAsync(StartTimeout, cancellationToken);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(
                $"Aspire's start was not through after {StartTimeout.TotalSeconds:0} s, so '{resource}' has no connection string yet.\n{Describe(resource)}", e);
        }

        return await App.GetConnectionStringAsync(resource, cancellationToken)
            ?? throw new InvalidOperationException($"'{resource}' has no connection string.\n{Describe(resource)}");
    }

    /// <summary>The named resources (all their replicas), each with its state and last log lines, for failure messages.</summary>
    public string Describe(params string[] resources) => Resources.Describe(resources);

    /// <summary>The latest snapshot of <paramref name="resource"/>'s only instance.</summary>
    /// <exception cref="InvalidOperationException">It has none yet, or several (replicas).</exception>
    public CustomResourceSnapshot Snapshot(string resource) => Instance(resource).Snapshot;

    /// <summary>The latest state of <paramref name="resource"/>'s only instance.</summary>
    public ResourceEvent Instance(string resource) => Resources.Instances(resource) switch
    {
        [var only] => only,
        var instances => throw new InvalidOperationException($"'{resource}' has {instances.Count} instances, not one.\n{Describe(resource)}"),
    };

    /// <summary>Runs one of Aspire's resource commands (start, stop, restart) on every instance of <paramref name="resource"/>.</summary>
    public async Task CommandAsync(string resource, string command, CancellationToken cancellationToken)
    {
        foreach (var instance in Resources.Instances(resource))
        {
            var result = await App.ResourceCommands.ExecuteCommandAsync(instance.ResourceId, command, cancellationToken);
            if (!result.Success)
            {
                throw new InvalidOperationException($"'{command}' on '{instance.ResourceId}' failed: {result.Message}\n{Describe(resource)}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopStarting.CancelAsync();
        try
        {
            await Started;
        }
        catch (Exception)
        {
            // A start that failed has been reported by the waits that raced it; one still waiting was cancelled just now.
        }

        await App.DisposeAsync();
        await Resources.DisposeAsync();
        _stopStarting.Dispose();
    }

    [GeneratedRegex(@"Login URL:\s+(?<url>https?://[^\s""\\]+)")]
    private static partial Regex DashboardLoginUrl();

    private static string Invariant(IFormattable value) => value.ToString(null, CultureInfo.InvariantCulture);
}
