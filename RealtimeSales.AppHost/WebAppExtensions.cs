namespace Aspire.Hosting;

/// <summary>The web app's sign-in, as Aspire's own dashboard does it: a token in the link.</summary>
internal static class WebAppExtensions
{
    /// <summary>
    /// Gives the web app its access token (<c>Web__Token</c>) and makes its link in the Aspire dashboard the sign-in
    /// link, <c>http://localhost:PORT/login?t=TOKEN</c>: a click signs the user in, and nobody without the link can.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithSignInLink(this IResourceBuilder<ProjectResource> builder, IResourceBuilder<ParameterResource> token) =>
        builder.WithEnvironment("Web__Token", token)
            .WithUrls(async context =>
            {
                var value = await token.Resource.GetValueAsync(context.CancellationToken);
                foreach (var url in context.Urls.Where(url => url.Endpoint?.EndpointName == "http"))
                {
                    url.Url = $"{url.Url.TrimEnd('/')}/login?t={value}";
                    url.DisplayText = "Realtime Sales (signs you in)";
                }
            });
}
