using System.ComponentModel.DataAnnotations;

namespace RealtimeSales.Dashboard;

/// <summary>The <c>Dashboard</c> section of the AppHost's configuration, e.g. <c>--Dashboard:Port=0</c>.</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Dashboard";

    /// <summary>The port a developer bookmarks, as Aspire's dashboard uses.</summary>
    public const int DefaultPort = 18888;

    /// <summary>The port on 127.0.0.1 (the dashboard never listens beyond loopback); 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = DefaultPort;

    /// <summary>
    /// The access token the login link carries. <see langword="null"/> (the default) generates a new one each run,
    /// so a link from an earlier run stops working; set it to keep bookmarks valid across runs.
    /// </summary>
    public string? Token { get; set; }

    /// <summary>How long one SQL console statement may run before PostgreSQL cancels it.</summary>
    public TimeSpan SqlStatementTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most rows the SQL console returns per result set.</summary>
    [Range(1, 100_000)]
    public int SqlRowLimit { get; set; } = 1000;
}
