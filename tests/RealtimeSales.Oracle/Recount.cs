namespace RealtimeSales.Oracle;

/// <summary>
/// The independent recount: every message of the topic, by partition in offset order, through the oracle's decoder
/// and DESIGN.md's window rules, giving the rows the tables must hold.
/// </summary>
/// <remarks>
/// <para>
/// Windows: window_start = floor(ts / W) · W, exactly; the window is [start, start + W). Per partition the watermark
/// is max_ts − D, minus infinity before any event, updated after every on-time event in offset order. An event is
/// late when window_end ≤ watermark at its arrival; late events never move max_ts. A store's row is the sum of every
/// partition's share, and of every broker's log when a broker was replaced (offsets restart, event time does not: a
/// partition's state carries over).
/// </para>
/// <para>
/// The idle rule (DESIGN.md, Idle partitions) moves the watermark with a wall clock the log does not record, so the
/// recount tracks it as an interval (see <see cref="PartitionModel"/>), bounded by the Kafka CreateTimes of
/// consecutive valid events. An event whose window ends at or below the interval is late for certain, above it on
/// time for certain; in between the database's choice is followed, and what it proves narrows the interval, so the
/// recount stays exact afterwards. An event the database placed against a certain verdict is a violation. While
/// consecutive events are less than I − tolerance apart the interval is a point and the rule is exact.
/// </para>
/// <para>
/// The clock rule (ts at most 5 minutes ahead) is bounded the same way: the aggregator decoded a message after its
/// CreateTime and before the tables were read. Only a ts between those two bounds plus 5 minutes is decided by the
/// database.
/// </para>
/// </remarks>
public sealed class Recount
{
    /// <summary>Producer:LateFraction's receipts lag their produce time by 30–90 s (DESIGN.md, Configuration).</summary>
    public static readonly TimeSpan LateLag = TimeSpan.FromSeconds(30);

    private readonly WindowRules _rules;
    private readonly DatabaseChoices _choices;
    private readonly Dictionary<int, PartitionModel> _partitions = [];
    private readonly Dictionary<(string Store, long StartTicks), (decimal Revenue, long Count)> _windows = [];
    private readonly SortedDictionary<MessageId, ExpectedLate> _late = [];
    private readonly SortedDictionary<MessageId, ExpectedRejection> _rejected = [];
    private readonly List<Difference> _violations = [];
    private readonly SortedSet<MessageId> _lagging = [];

    private Recount(WindowRules rules, DatabaseChoices choices)
    {
        _rules = rules;
        _choices = choices;
    }

    /// <summary>Every window row, by store and start.</summary>
    public IReadOnlyDictionary<(string Store, long StartTicks), ExpectedWindow> Windows { get; private set; } =
        new Dictionary<(string, long), ExpectedWindow>();

    public IReadOnlyDictionary<MessageId, ExpectedLate> Late => _late;

    public IReadOnlyDictionary<MessageId, ExpectedRejection> Rejected => _rejected;

    /// <summary>Events the database placed where the model forbids (late for certain counted on time, or the reverse).</summary>
    public IReadOnlyList<Difference> Violations => _violations;

    /// <summary>Valid events whose lateness the model left to the database (idle advances it cannot time).</summary>
    public int AmbiguousLateness { get; private set; }

    /// <summary>Messages whose ts lay so close to 5 minutes ahead that the database decided whether they were rejected.</summary>
    public int AmbiguousClock { get; private set; }

    /// <summary>Valid events whose ts lags their CreateTime by at least <see cref="LateLag"/>: the producers' late receipts.</summary>
    public IReadOnlySet<MessageId> Lagging => _lagging;

    /// <summary>Of <see cref="Lagging"/>, those the model did not find late for certain (their partition's watermark had not risen past them).</summary>
    public int LaggingNotSurelyLate { get; private set; }

    /// <summary>Per partition, the lowest the watermark can be after the last message.</summary>
    public IReadOnlyDictionary<int, long> FinalLowWatermarks => _partitions.Where(p => p.Value.MaxTs is not null).ToDictionary(p => p.Key, p => p.Value.Low);

    public long EventCount => Windows.Values.Sum(window => window.EventCount) + _late.Count + _rejected.Count;

    /// <summary>Recounts <paramref name="logs"/> (a replaced broker's log first, the current one last).</summary>
    public static Recount Run(IReadOnlyList<TopicLog> logs, WindowRules rules, DatabaseChoices choices)
    {
        var recount = new Recount(rules, choices);
        foreach (var log in logs)
        {
            foreach (var (partition, messages) in log.Partitions)
            {
                var model = recount.Model(partition);
                foreach (var message in messages)
                {
                    recount.Count(model, message);
                }
            }
        }

        recount.Windows = recount._windows.ToDictionary(w => w.Key,
            w => new ExpectedWindow(w.Key.Store, w.Key.StartTicks, w.Key.StartTicks + rules.WindowSize.Ticks, w.Value.Revenue, w.Value.Count));
        return recount;
    }

    private PartitionModel Model(int partition)
    {
        if (!_partitions.TryGetValue(partition, out var model))
        {
            model = new PartitionModel(_rules);
            _partitions.Add(partition, model);
        }

        return model;
    }

    private void Count(PartitionModel model, LoggedMessage message)
    {
        var receipt = Decode(message);
        if (receipt is null)
        {
            return;
        }

        model.BeforeValidEvent(message.CreateTime);
        var start = _rules.WindowStart(receipt.Time);
        var end = start + _rules.WindowSize.Ticks;
        var lateness = model.Classify(end);
        var countedLate = _choices.CountedLate.Contains(message.Id);
        bool late;
        if (lateness == Lateness.Either)
        {
            AmbiguousLateness++;
            late = countedLate;
            model.Learn(end, late);
        }
        else
        {
            late = lateness == Lateness.Late;
            // A message the database rejected is reported as an unexpected rejected row, not as a lateness error.
            if (late != countedLate && !_choices.CountedRejected.Contains(message.Id))
            {
                _violations.Add(new Difference("late_events", message.Id.ToString(),
                    $"{receipt.Store} ts {receipt.Time}, window [{EventTime.Format(start)}, {EventTime.Format(end)}): " +
                    $"the database counted it {(countedLate ? "late" : "not late")}, but the watermark at its arrival was {model.Describe()}, " +
                    $"so it is {(late ? "late" : "on time")} for certain"));
            }
        }

        if (message.CreateTime.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks - receipt.Time.Ticks >= LateLag.Ticks)
        {
            _lagging.Add(message.Id);
            LaggingNotSurelyLate += lateness == Lateness.Late ? 0 : 1;
        }

        if (late)
        {
            _late.Add(message.Id, new ExpectedLate(message.Id, receipt.Store, receipt.Time, receipt.Price, start));
            return;
        }

        _windows[(receipt.Store, start)] = _windows.TryGetValue((receipt.Store, start), out var window)
            ? (window.Revenue + receipt.Price, window.Count + 1)
            : (receipt.Price, 1);
        model.OnTime(receipt.Time);
    }

    /// <summary>The message's receipt when it is valid; otherwise records its rejection and returns null.</summary>
    private Receipt? Decode(LoggedMessage message)
    {
        var decoded = ReceiptDecoder.Decode(message.Key, message.Value);
        var findings = decoded.Findings;
        if (decoded.Receipt is { } receipt && receipt.IsAheadOf(message.CreateTime))
        {
            var surely = receipt.IsAheadOf(_choices.LatestClock);
            AmbiguousClock += surely ? 0 : 1;
            if (surely || _choices.CountedRejected.Contains(message.Id))
            {
                findings = [ReceiptDecoder.AheadFinding(receipt, surely ? _choices.LatestClock : message.CreateTime)];
            }
        }

        if (findings.Count == 0)
        {
            return decoded.Receipt;
        }

        _rejected.Add(message.Id, new ExpectedRejection(message.Id, message.Key, message.Value, findings));
        return null;
    }
}
