namespace RealtimeSales.Oracle;

/// <summary>A row <c>window_revenue</c> must hold: the sum over every partition's share; times in ticks since the Unix epoch.</summary>
public sealed record ExpectedWindow(string Store, long StartTicks, long EndTicks, decimal Revenue, long EventCount)
{
    public override string ToString() => $"{Revenue} from {EventCount} events";
}
