namespace RealtimeSales.Aggregator.Windowing;

/// <summary>
/// Everything one partition's window engine changed since its previous delta, sealed so that the engine can
/// go on counting while the delta is written: the rows for one checkpoint transaction, and the checkpoint itself.
/// </summary>
internal sealed record WindowDelta(
    PartitionCheckpoint Checkpoint,
    IReadOnlyList<ClosedWindow> ClosedWindows,
    IReadOnlyList<OpenWindowState> ChangedOpenWindows,
    IReadOnlyList<OpenWindowState> DeletedOpenWindows,
    IReadOnlyList<LateEvent> LateEvents,
    IReadOnlyList<RejectedEvent> RejectedEvents,
    IReadOnlyList<DataGap> Gaps);
