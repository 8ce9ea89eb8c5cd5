using RealtimeSales.Testing;

namespace RealtimeSales.Aggregator.Tests.Pipeline;

/// <summary>
/// Tests that run real processes against one shared PostgreSQL server. They run one after another: they
/// stop that server, and two cores are better spent on one pipeline at a time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "pipeline";
}
