using System.Globalization;
using System.Text.RegularExpressions;
using RealtimeSales.Oracle;

namespace RealtimeSales.Testing;

/// <summary>
/// Lines of the producer's log (src/RealtimeSales.Producer/Log.cs) that tests read, kept in one place so that a
/// reworded message breaks one file, not every caller.
/// </summary>
public static partial class ProducerLines
{
    /// <summary>
    /// The tallies from the producer's last line (<c>Finished</c>, id 7), e.g.
    /// <c>Done: 30000 messages acknowledged, 0 failed; 612 of them late, 297 malformed</c>.
    /// </summary>
    /// <param name="lines">The producer's output (a child process's lines, or an AppHost resource's log).</param>
    /// <exception cref="InvalidOperationException">The producer has not logged its last line (yet).</exception>
    public static ProducerTally Tally(IEnumerable<string> lines)
    {
        var kept = lines.ToList();
        var match = kept.Select(line => Finished().Match(line)).LastOrDefault(match => match.Success)
            ?? throw new InvalidOperationException(
                $"The producer has not logged its final tallies (\"Done: … acknowledged …\"). Its last lines:\n{string.Join('\n', kept.TakeLast(20))}");
        return new ProducerTally(Number(match, "acknowledged"), Number(match, "late"), Number(match, "malformed"));
    }

    private static long Number(Match match, string group) => long.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"Done: (?<acknowledged>\d+) messages acknowledged, \d+ failed; (?<late>\d+) of them late, (?<malformed>\d+) malformed")]
    private static partial Regex Finished();
}
