using Microsoft.Extensions.Options;
using RealtimeSales.Web.Components;
using RealtimeSales.Web.Sql;

namespace RealtimeSales.Web.Site;

/// <summary>The pages: server-rendered frames that their scripts fill from the live streams.</summary>
internal static class PageEndpoints
{
    public static void MapPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HtmlPages pages) => pages.RenderAsync<SalesPage>());
        app.MapGet("/pipeline", (HtmlPages pages) => pages.RenderAsync<PipelinePage>());
        app.MapGet("/sql", (Cookbook cookbook, IOptions<WebOptions> options, HtmlPages pages) => pages.RenderAsync<SqlPage>(new Dictionary<string, object?>
        {
            [nameof(SqlPage.Queries)] = cookbook.Queries,
            [nameof(SqlPage.SqlRowLimit)] = options.Value.SqlRowLimit,
            [nameof(SqlPage.SqlStatementTimeout)] = options.Value.SqlStatementTimeout,
        }));
    }
}
