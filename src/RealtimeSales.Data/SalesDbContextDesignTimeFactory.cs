using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RealtimeSales.Data;

/// <summary>
/// Lets <c>dotnet ef</c> build the model without a startup project or a live database: adding a
/// migration never connects, so the connection string only has to be well-formed.
/// </summary>
internal sealed class SalesDbContextDesignTimeFactory : IDesignTimeDbContextFactory<SalesDbContext>
{
    public SalesDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SalesDbContext>().UseNpgsql("Host=localhost;Database=salesdb").Options);
}
