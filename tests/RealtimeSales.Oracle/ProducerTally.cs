namespace RealtimeSales.Oracle;

/// <summary>
/// What the producers of a test say they sent, to check the recount and the tables against: the producer's final
/// log line, plus whatever messages a test writes to the topic itself.
/// </summary>
/// <param name="Acknowledged">Messages the broker acknowledged: the topic must hold exactly these.</param>
/// <param name="Late">Of them, valid receipts whose ts lags their produce time by at least <see cref="Recount.LateLag"/>.</param>
/// <param name="Malformed">Of them, messages that break a rule on purpose: exactly these must be rejected.</param>
public sealed record ProducerTally(long Acknowledged, long Late, long Malformed)
{
    public static readonly ProducerTally None = new(0, 0, 0);

    public static ProducerTally operator +(ProducerTally left, ProducerTally right) =>
        new(left.Acknowledged + right.Acknowledged, left.Late + right.Late, left.Malformed + right.Malformed);

    public override string ToString() => $"{Acknowledged} acknowledged, {Late} late, {Malformed} malformed";
}
