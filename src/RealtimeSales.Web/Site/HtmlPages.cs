using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace RealtimeSales.Web.Site;

/// <summary>
/// Renders the pages (Razor components) to HTML. The static renderer needs none of Blazor's server machinery
/// (antiforgery, and with it data-protection keys written to the user's profile): the pages have no forms that post.
/// </summary>
internal sealed class HtmlPages(IServiceProvider services, ILoggerFactory loggers)
{
    public async Task<IResult> RenderAsync<TPage>(IDictionary<string, object?>? parameters = null, int statusCode = StatusCodes.Status200OK)
        where TPage : IComponent
    {
        await using var renderer = new HtmlRenderer(services, loggers);
        var html = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var page = await renderer.RenderComponentAsync<TPage>(parameters is null ? ParameterView.Empty : ParameterView.FromDictionary(parameters));
            return page.ToHtmlString();
        });
        return Results.Content(html, "text/html; charset=utf-8", statusCode: statusCode);
    }
}
