using RealtimeSales.Testing;

namespace RealtimeSales.Web.Tests.Sql;

/// <summary>
/// One real PostgreSQL server for the database tests. They run one after another: the read-only role is a
/// server-wide object, and each test resets its password.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}
