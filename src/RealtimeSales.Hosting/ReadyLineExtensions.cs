using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace RealtimeSales.Hosting;

/// <summary>The one line per resource its user copies from the AppHost's console: <c>NAME: VALUE</c>.</summary>
public static class ReadyLineExtensions
{
    /// <summary>
    /// Logs <c>NAME: VALUE</c> on the AppHost's console each time the resource becomes ready (healthy after a start):
    /// local development credentials, shown to the AppHost's own user on purpose, as the dashboard shows them.
    /// </summary>
    public static IResourceBuilder<T> WithReadyLine<T>(this IResourceBuilder<T> builder, ReferenceExpression value)
        where T : IResource
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(value);
        var resource = builder.Resource;
        return builder.OnResourceReady(async (_, ready, cancellationToken) =>
        {
            var logger = ready.Services.GetRequiredService<ILoggerFactory>()
                .CreateLogger(ready.Services.GetRequiredService<IHostEnvironment>().ApplicationName);
            Log.Ready(logger, resource.Name, await value.GetValueAsync(cancellationToken) ?? "");
        });
    }
}
