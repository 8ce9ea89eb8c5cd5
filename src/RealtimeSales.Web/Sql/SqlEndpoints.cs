namespace RealtimeSales.Web.Sql;

/// <summary>The SQL console's API: one run of what the user typed. A failed query is an answer (HTTP 200) that explains itself.</summary>
internal static class SqlEndpoints
{
    public static void MapSqlApi(this IEndpointRouteBuilder api) =>
        api.MapPost("/sql", async (SqlRequest request, SqlConsole console, HttpContext http) =>
            TypedResults.Ok(await console.RunAsync(request.Sql ?? "", http.RequestAborted)));
}
