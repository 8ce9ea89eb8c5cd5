using System.Text;

namespace RealtimeSales.Aggregator.Tests.Windowing;

/// <summary>
/// A random life of a small pipeline: per partition a log of nearly-in-order receipts (some exactly on window
/// boundaries, some malformed, sometimes a range lost to retention), and a sequence of steps — receipts arriving,
/// two aggregators consuming, reaching the end, stalling, checkpointing, losing acknowledgements, crashing, and
/// partitions moving between them, cleanly or leaving a zombie behind — against a moving wall clock.
/// </summary>
internal sealed record PipelineSchedule(int Seed, PartitionLog[] Logs, ScheduleStep[] Steps)
{
    public const long Second = 1_000_000;
    public const long WindowSize = 10 * Second;
    public const int Stores = 4;

    public static PipelineSchedule Generate(int seed)
    {
        var random = new Random(seed);
        var logs = new PartitionLog[random.Next(1, 5)];
        for (var partition = 0; partition < logs.Length; partition++)
        {
            logs[partition] = Log(random);
        }

        var steps = new ScheduleStep[random.Next(10, 160)];
        for (var i = 0; i < steps.Length; i++)
        {
            steps[i] = Step(random, logs.Length);
        }

        return new PipelineSchedule(seed, logs, steps);
    }

    public override string ToString()
    {
        var text = new StringBuilder($"seed {Seed}\n");
        for (var partition = 0; partition < Logs.Length; partition++)
        {
            text.Append($"partition {partition}: {Logs[partition]}\n");
        }

        return text.AppendJoin(' ', Steps).ToString();
    }

    private static PartitionLog Log(Random random)
    {
        var messages = new LogMessage[random.Next(0, 90)];
        var time = 1_000 * Second;
        for (var i = 0; i < messages.Length; i++)
        {
            time += random.NextInt64(0, 3 * Second / 2);
            var ts = time + random.NextInt64(-4 * Second, Second);
            if (random.NextDouble() < 0.15)
            {
                ts -= ts % WindowSize;
            }

            messages[i] = new LogMessage(random.NextDouble() < 0.05 ? -1 : random.Next(Stores), ts, random.Next(0, 5_000));
        }

        (int From, int To)? deleted = null;
        if (messages.Length > 0 && random.NextDouble() < 0.3)
        {
            var from = random.Next(messages.Length);
            deleted = (from, Math.Min(messages.Length, from + random.Next(1, 10)));
        }

        return new PartitionLog(messages, deleted);
    }

    private static ScheduleStep Step(Random random, int partitions)
    {
        var roll = random.Next(100);
        var kind = roll switch
        {
            < 15 => StepKind.Arrive,
            < 40 => StepKind.Consume,
            < 50 => StepKind.End,
            < 60 => StepKind.Wall,
            < 68 => StepKind.Idle,
            < 71 => StepKind.Stall,
            < 75 => StepKind.Confirm,
            < 87 => StepKind.Checkpoint,
            < 90 => StepKind.LostAck,
            < 93 => StepKind.Crash,
            _ => StepKind.Move,
        };
        return new ScheduleStep(kind, random.Next(2), random.Next(partitions), random.Next(1, 25));
    }
}

/// <summary>One partition's messages in offset order; <paramref name="Deleted"/> is a range retention removed before anyone read it.</summary>
internal sealed record PartitionLog(LogMessage[] Messages, (int From, int To)? Deleted)
{
    public override string ToString() =>
        $"{Messages.Length} messages{(Deleted is { } d ? $", [{d.From}, {d.To}) deleted" : "")}: " +
        string.Join(' ', Messages.Select(m => m.Store < 0 ? "bad" : $"s{m.Store}@{m.TimestampMicros / (double)PipelineSchedule.Second:0.##}"));
}

/// <summary>A receipt (store index, event time, price) or, with store -1, a malformed message.</summary>
internal sealed record LogMessage(int Store, long TimestampMicros, long PriceCents);

/// <summary>A step of aggregator <paramref name="Owner"/> on <paramref name="Partition"/> (as the kind needs), with an amount.</summary>
internal sealed record ScheduleStep(StepKind Kind, int Owner, int Partition, int Amount)
{
    public override string ToString() => $"{Kind}({Owner},{Partition},{Amount})";
}

internal enum StepKind
{
    /// <summary>Amount more receipts reach the partition at the broker.</summary>
    Arrive,

    /// <summary>The owner reads up to Amount messages it has not read.</summary>
    Consume,

    /// <summary>The owner sees the partition's end (a stale one, behind the broker, only after a stall).</summary>
    End,

    /// <summary>The wall clock moves Amount seconds.</summary>
    Wall,

    /// <summary>The owner applies the idle rule to its partitions.</summary>
    Idle,

    /// <summary>The owner's consume thread stalls.</summary>
    Stall,

    /// <summary>The owner asks the broker where its partitions end.</summary>
    Confirm,

    /// <summary>The owner checkpoints.</summary>
    Checkpoint,

    /// <summary>The owner checkpoints, the acknowledgement is lost, and it sends the same transaction again.</summary>
    LostAck,

    /// <summary>The owner crashes and restarts.</summary>
    Crash,

    /// <summary>The partition moves to the other aggregator: cleanly (even amount) or leaving a zombie (odd).</summary>
    Move,
}
