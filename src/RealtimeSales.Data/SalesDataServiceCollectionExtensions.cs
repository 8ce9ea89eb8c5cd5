using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace RealtimeSales.Data;

/// <summary>Registers the sales database for workers.</summary>
public static class SalesDataServiceCollectionExtensions
{
    /// <summary>
    /// Registers a pooled <see cref="IDbContextFactory{SalesDbContext}"/>: workers create a short-lived
    /// context per unit of work (a checkpoint transaction) and the pool reuses their instances.
    /// </summary>
    /// <remarks>
    /// No retrying execution strategy: it would refuse the aggregator's own transactions, and a checkpoint
    /// must be retried as a whole by its owner, who knows whether the previous attempt committed.
    /// </remarks>
    public static IServiceCollection AddSalesDbContext(this IServiceCollection services, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return services.AddPooledDbContextFactory<SalesDbContext>(options => options.UseNpgsql(connectionString));
    }
}
