using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace RealtimeSales.Dashboard.Security;

/// <summary>
/// Signs a request in when it carries this run's session cookie; otherwise sends pages to the login page and
/// answers the API with 401. The cookie holds a random per-run session key, never the token itself.
/// </summary>
internal sealed class SessionCookieHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers, UrlEncoder encoder,
    DashboardAccess access) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    public const string SchemeName = "DashboardSession";

    private static readonly ClaimsPrincipal s_user = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "dashboard user")], SchemeName));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(
        Request.Cookies.TryGetValue(access.CookieName, out var session) && access.AcceptsSession(session)
            ? AuthenticateResult.Success(new AuthenticationTicket(s_user, SchemeName))
            : AuthenticateResult.NoResult());

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Request.Path.StartsWithSegments("/api"))
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Response.WriteAsJsonAsync(new { title = "Sign in with the dashboard token: open the link the AppHost printed." });
        }

        var returnUrl = Request.PathBase + Request.Path + Request.QueryString;
        Response.Redirect($"{TokenAuthentication.LoginPath}?{TokenAuthentication.ReturnUrlParameter}={Uri.EscapeDataString(returnUrl)}");
        return Task.CompletedTask;
    }
}
