namespace RealtimeSales.Web;

/// <summary>The lifetime of a Server-Sent Events response.</summary>
internal static class LiveStream
{
    /// <summary>
    /// Cancelled when the browser goes away or the web app stops, whichever comes first: a stream left open would
    /// hold up the shutdown until its timeout.
    /// </summary>
    public static CancellationToken Lifetime(HttpContext http)
    {
        var stopping = http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var linked = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        http.Response.RegisterForDispose(linked);
        return linked.Token;
    }
}
