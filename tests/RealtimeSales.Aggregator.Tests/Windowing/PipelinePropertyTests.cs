using CsCheck;

namespace RealtimeSales.Aggregator.Tests.Windowing;

/// <summary>
/// Random lives of a two-aggregator pipeline (<see cref="PipelineSchedule"/>): several partitions and stores spread
/// over them, crashes, clean and unclean rebalances (zombies fenced), lost acknowledgements, stalls and stale ends,
/// idle advances under a moving wall clock across restores, retention gaps, timestamps on window boundaries.
/// </summary>
public sealed class PipelinePropertyTests
{
    [Fact]
    public void EveryScheduleEndsWithEveryMessageCountedOnceAndNoRuleBroken() =>
        Gen.Int.Sample(seed =>
        {
            var schedule = PipelineSchedule.Generate(seed);
            var model = new CheckpointModel();
            var run = ScheduleRun.Play(schedule, model);
            ScheduleCheck.Verify(schedule, run, model.Read());
        }, iter: 2_000);
}
