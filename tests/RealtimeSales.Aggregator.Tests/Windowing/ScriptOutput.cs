namespace RealtimeSales.Aggregator.Tests.Windowing;

/// <summary>What a <see cref="WindowScript"/> produced, rendered one line per row.</summary>
internal sealed record ScriptOutput(IReadOnlyList<string> Closed, IReadOnlyList<string> Late);
