namespace RealtimeSales.Throughput;

/// <summary>One SIGKILL-and-restart, in seconds.</summary>
/// <param name="TotalSeconds">SIGKILL to the first commit that moves a partition on.</param>
/// <param name="KillSeconds">SIGKILL until the process was gone and the new one launched.</param>
/// <param name="StartupSeconds">Launch to "PostgreSQL schema is up to date": runtime, host, migrations check.</param>
/// <param name="GroupSeconds">Then to "Assigned partitions": subscribe, consumer-group rebalance, claiming the partitions.</param>
/// <param name="FirstCheckpointSeconds">Then to the first commit that moves a partition on.</param>
internal sealed record RecoveryRound(
    double TotalSeconds, double KillSeconds, double StartupSeconds, double GroupSeconds, double FirstCheckpointSeconds);
