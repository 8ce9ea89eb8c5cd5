namespace RealtimeSales.Oracle;

/// <summary>The oracle decoder's verdict on one message: a receipt, or everything it found wrong.</summary>
/// <param name="Receipt">The receipt when no rule was broken; otherwise <see langword="null"/>.</param>
/// <param name="Findings">Every fault found, in reading order; empty when <paramref name="Receipt"/> is set.</param>
public sealed record Decoded(Receipt? Receipt, IReadOnlyList<Finding> Findings)
{
    public static Decoded Rejected(params Finding[] findings) => new(null, findings);
}
