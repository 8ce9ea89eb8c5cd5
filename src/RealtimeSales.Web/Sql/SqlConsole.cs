using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Npgsql;

namespace RealtimeSales.Web.Sql;

/// <summary>Runs what a user typed, read-only, bounded in time and rows, and turns every failure into a sentence.</summary>
internal sealed class SqlConsole(ReadOnlyDatabase database, IOptions<WebOptions> options)
{
    // SQLSTATEs: https://www.postgresql.org/docs/current/errcodes-appendix.html
    private const string ReadOnlyTransaction = "25006";
    private const string InsufficientPrivilege = "42501";
    private const string QueryCanceled = "57014";

    // Longer cell values are cut: the console is for looking, not for exporting.
    private const int MaxCellLength = 2000;

    public async Task<SqlOutcome> RunAsync(string sql, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(sql))
        {
            return SqlOutcome.Failed("sql", "Type a query first, or pick one of the examples.");
        }

        var started = Stopwatch.GetTimestamp();
        try
        {
            var source = await database.GetAsync(cancellationToken);
            await using var connection = await source.OpenConnectionAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            var timeoutMs = (long)options.Value.SqlStatementTimeout.TotalMilliseconds;
            await using (var guard = new NpgsqlCommand(
                string.Create(CultureInfo.InvariantCulture, $"SET TRANSACTION READ ONLY; SET LOCAL statement_timeout = {timeoutMs}"), connection, transaction))
            {
                await guard.ExecuteNonQueryAsync(cancellationToken);
            }

            var results = await ReadAllAsync(new NpgsqlCommand(sql, connection, transaction), cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
            return new SqlOutcome(results, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (PostgresException e)
        {
            return Explain(e, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (DatabaseUnavailableException e)
        {
            return SqlOutcome.Failed("unavailable", e.Message);
        }
        catch (NpgsqlException e)
        {
            return SqlOutcome.Failed("unavailable", $"{ReadOnlyDatabase.DatabaseResource} cannot be reached: {e.Message}");
        }
    }

    private async Task<List<SqlResultSet>> ReadAllAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var limit = options.Value.SqlRowLimit;
        var results = new List<SqlResultSet>();
        await using (command)
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            do
            {
                if (reader.FieldCount == 0)
                {
                    continue;
                }

                var columns = Enumerable.Range(0, reader.FieldCount)
                    .Select(i => new SqlColumn(reader.GetName(i), reader.GetDataTypeName(i), IsNumeric(reader.GetPostgresType(i).Name)))
                    .ToList();
                var rows = new List<string?[]>();
                var truncated = false;
                while (await reader.ReadAsync(cancellationToken))
                {
                    if (rows.Count == limit)
                    {
                        // Stop collecting; the rest drains when the reader closes, bounded by the statement timeout.
                        truncated = true;
                        break;
                    }

                    var row = new string?[reader.FieldCount];
                    for (var i = 0; i < row.Length; i++)
                    {
                        row[i] = await reader.IsDBNullAsync(i, cancellationToken) ? null : SqlValueText.Format(reader, i, MaxCellLength);
                    }

                    rows.Add(row);
                }

                results.Add(new SqlResultSet(columns, rows, truncated));
            }
            while (await reader.NextResultAsync(cancellationToken));
        }

        return results;
    }

    private SqlOutcome Explain(PostgresException e, double elapsedMs) => e.SqlState switch
    {
        ReadOnlyTransaction or InsufficientPrivilege => SqlOutcome.Failed("read-only",
            $"read-only: the SQL console cannot change data. PostgreSQL refused: {e.MessageText}.", elapsedMs),
        QueryCanceled => SqlOutcome.Failed("timeout",
            $"Stopped after {options.Value.SqlStatementTimeout.TotalSeconds:0.###} s (the console's statement timeout, {WebOptions.SectionName}:{nameof(WebOptions.SqlStatementTimeout)}).", elapsedMs),
        _ => SqlOutcome.Failed("sql", Describe(e), elapsedMs),
    };

    private static string Describe(PostgresException e)
    {
        var text = $"{e.Severity} {e.SqlState}: {e.MessageText}";
        if (e.Position > 0)
        {
            text += string.Create(CultureInfo.InvariantCulture, $" (at character {e.Position})");
        }

        if (!string.IsNullOrEmpty(e.Detail))
        {
            text += "\nDetail: " + e.Detail;
        }

        return string.IsNullOrEmpty(e.Hint) ? text : text + "\nHint: " + e.Hint;
    }

    private static bool IsNumeric(string postgresType) => postgresType is "smallint" or "integer" or "bigint" or "numeric" or "real"
        or "double precision" or "oid" or "money";
}
