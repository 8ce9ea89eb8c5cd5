namespace RealtimeSales.Web.Site;

/// <summary>Serves <see cref="EmbeddedAssets"/> under <c>/assets/</c>, without sign-in: the login page needs its stylesheet, and no asset holds data.</summary>
internal static class AssetEndpoints
{
    public static void MapAssets(this IEndpointRouteBuilder app) =>
        app.MapGet("/assets/{*name}", (string name, EmbeddedAssets assets, HttpContext http) =>
        {
            if (assets.Find(name) is not { } asset)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers.ETag = asset.ETag;
            return http.Request.Headers.IfNoneMatch == asset.ETag
                ? Results.StatusCode(StatusCodes.Status304NotModified)
                : Results.Bytes(asset.Content, asset.ContentType);
        }).AllowAnonymous();
}
