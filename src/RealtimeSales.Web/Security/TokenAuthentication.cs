using Microsoft.AspNetCore.Authorization;
using RealtimeSales.Web.Components;
using RealtimeSales.Web.Site;

namespace RealtimeSales.Web.Security;

/// <summary>
/// Browser-token sign-in, as Aspire's dashboard does it: the AppHost gives the token and shows a link carrying it
/// in the Aspire dashboard; opening it sets a session cookie, and everything but the login page and static assets needs that cookie (pages redirect
/// to the login page, the API answers 401).
/// </summary>
internal static class TokenAuthentication
{
    public const string LoginPath = "/login";
    public const string TokenParameter = "t";
    public const string ReturnUrlParameter = "ReturnUrl";

    public static IServiceCollection AddTokenAuthentication(this IServiceCollection services)
    {
        // The core only: ASP.NET's cookie handler would bring data protection, which writes keys to the user's profile.
        services.AddAuthenticationCore(authentication =>
        {
            authentication.AddScheme<SessionCookieHandler>(SessionCookieHandler.SchemeName, displayName: null);
            authentication.DefaultScheme = SessionCookieHandler.SchemeName;
        });
        services.AddWebEncoders();
        services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return services;
    }

    public static void MapLogin(this IEndpointRouteBuilder app) => app.MapGet(LoginPath, LoginAsync).AllowAnonymous();

    private static Task<IResult> LoginAsync(HttpContext http, WebAccess access, HtmlPages pages)
    {
        var token = http.Request.Query[TokenParameter].ToString();
        var returnUrl = http.Request.Query[ReturnUrlParameter].ToString();
        if (token.Length == 0)
        {
            return pages.RenderAsync<LoginPage>(new Dictionary<string, object?> { [nameof(LoginPage.ReturnUrl)] = returnUrl });
        }

        if (!access.Accepts(token))
        {
            return pages.RenderAsync<LoginPage>(new Dictionary<string, object?>
            {
                [nameof(LoginPage.ReturnUrl)] = returnUrl,
                [nameof(LoginPage.Error)] = "That token is not this web app's. Open the web app from its link in the Aspire dashboard of the running AppHost; tokens change with every run.",
            }, StatusCodes.Status401Unauthorized);
        }

        http.Response.Cookies.Append(WebAccess.CookieName(http), access.SessionKey, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
        });

        // Only paths of this site: the link must not be usable to send a signed-in user elsewhere.
        return Task.FromResult(Results.LocalRedirect(IsLocalPath(returnUrl) ? returnUrl : "/"));
    }

    private static bool IsLocalPath(string url) => url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
