using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace RealtimeSales.Web.Security;

/// <summary>
/// Signs a request in when it carries this run's session cookie; otherwise sends pages to the login page and
/// answers the API with 401. The cookie holds a random per-run session key, never the token itself.
/// </summary>
internal sealed class SessionCookieHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggers, UrlEncoder encoder,
    WebAccess access) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggers, encoder)
{
    public const string SchemeName = "WebSession";

    private static readonly ClaimsPrincipal s_user = new(new ClaimsIdentity([new Claim(ClaimTypes.Name, "web app user")], SchemeName));

    protected override Task<AuthenticateResult> HandleAuthenticateAsync() => Task.FromResult(
        Request.Cookies.TryGetValue(WebAccess.CookieName(Context), out var session) && access.AcceptsSession(session)
            ? AuthenticateResult.Success(new AuthenticationTicket(s_user, SchemeName))
            : AuthenticateResult.NoResult());

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Request.Path.StartsWithSegments("/api"))
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Response.WriteAsJsonAsync(new { title = "Sign in with the token: open the web app from its link in the Aspire dashboard." });
        }

        var returnUrl = Request.PathBase + Request.Path + Request.QueryString;
        Response.Redirect($"{TokenAuthentication.LoginPath}?{TokenAuthentication.ReturnUrlParameter}={Uri.EscapeDataString(returnUrl)}");
        return Task.CompletedTask;
    }
}
