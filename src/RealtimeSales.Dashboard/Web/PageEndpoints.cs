using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using RealtimeSales.Dashboard.Components;
using RealtimeSales.Dashboard.Sql;
using RealtimeSales.Hosting.ApplicationModel;

namespace RealtimeSales.Dashboard.Web;

/// <summary>The pages: server-rendered frames that their scripts fill from the live streams.</summary>
internal static class PageEndpoints
{
    public static void MapPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HtmlPages pages) => pages.RenderAsync<ResourcesPage>());
        app.MapGet("/logs", (string? resource, ResourceNotificationService notifications, HtmlPages pages) =>
        {
            var units = notifications.GetSnapshots().Select(unit => unit.Name).ToList();
            var selected = units.Find(unit => string.Equals(unit, resource, StringComparison.OrdinalIgnoreCase)) ?? units.FirstOrDefault();
            return pages.RenderAsync<LogsPage>(new Dictionary<string, object?>
            {
                [nameof(LogsPage.Units)] = units,
                [nameof(LogsPage.Selected)] = selected,
            });
        });
        app.MapGet("/pipeline", (HtmlPages pages) => pages.RenderAsync<PipelinePage>());
        app.MapGet("/sales", (HtmlPages pages) => pages.RenderAsync<SalesPage>());
        app.MapGet("/sql", (Cookbook cookbook, IOptions<DashboardOptions> options, HtmlPages pages) => pages.RenderAsync<SqlPage>(new Dictionary<string, object?>
        {
            [nameof(SqlPage.Queries)] = cookbook.Queries,
            [nameof(SqlPage.SqlRowLimit)] = options.Value.SqlRowLimit,
            [nameof(SqlPage.SqlStatementTimeout)] = options.Value.SqlStatementTimeout,
        }));
    }
}
