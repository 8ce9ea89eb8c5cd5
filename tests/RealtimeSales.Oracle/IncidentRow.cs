namespace RealtimeSales.Oracle;

/// <summary>A row of <c>data_gaps</c> or <c>cluster_changes</c>, as one line for messages.</summary>
/// <param name="Table">Which of the two.</param>
/// <param name="Description">Its columns; for a cluster change <c>previous -> new</c>.</param>
public sealed record IncidentRow(string Table, string Description);
