namespace RealtimeSales.Throughput;

/// <summary>Parse + aggregate on one core.</summary>
/// <param name="PerCoreSecond">Events per second of the measuring thread's CPU time.</param>
/// <param name="PerWallSecond">Events per second of wall-clock time (lower when other work shares the core).</param>
/// <param name="BytesPerEvent">Bytes the thread allocated, divided by the events.</param>
internal sealed record EngineMeasurement(double PerCoreSecond, double PerWallSecond, double BytesPerEvent);
