namespace RealtimeSales.Hosting.Postgres;

/// <summary>What one start of the server runs: the programs found and the data directory prepared for it.</summary>
internal sealed record ServerLaunch(PostgresBinaries Binaries, ServerAccount Account, string DataDirectory);
