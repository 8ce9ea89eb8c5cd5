namespace RealtimeSales.Testing;

/// <summary>
/// The pipeline's results in comparable form: window rows by (store, window start in Unix microseconds),
/// late and rejected events by (partition, offset).
/// </summary>
public sealed class ExpectedTables
{
    public SortedDictionary<(string Store, long StartMicros), (long RevenueCents, int Count)> Windows { get; } = [];

    public SortedSet<(int Partition, long Offset)> Late { get; } = [];

    public SortedSet<(int Partition, long Offset)> Rejected { get; } = [];

    public long EventCount => Windows.Values.Sum(window => window.Count) + Late.Count + Rejected.Count;

    /// <summary>A readable list of every difference, empty when the tables are equal.</summary>
    public IReadOnlyList<string> Differences(ExpectedTables actual)
    {
        List<string> differences = [];
        foreach (var (key, value) in Windows)
        {
            if (!actual.Windows.TryGetValue(key, out var found))
            {
                differences.Add($"window {key} missing (expected {value})");
            }
            else if (found != value)
            {
                differences.Add($"window {key}: expected {value}, got {found}");
            }
        }

        differences.AddRange(actual.Windows.Keys.Where(key => !Windows.ContainsKey(key)).Select(key => $"window {key} unexpected"));
        differences.AddRange(Late.Except(actual.Late).Select(key => $"late event {key} missing"));
        differences.AddRange(actual.Late.Except(Late).Select(key => $"late event {key} unexpected"));
        differences.AddRange(Rejected.Except(actual.Rejected).Select(key => $"rejected event {key} missing"));
        differences.AddRange(actual.Rejected.Except(Rejected).Select(key => $"rejected event {key} unexpected"));
        return differences;
    }
}
