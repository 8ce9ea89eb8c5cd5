var builder = DistributedApplication.CreateBuilder(args);
var containers = builder.Configuration.GetValue<bool>("Containers");

// Each is an existing server when its connection string is configured (ConnectionStrings:kafka, ConnectionStrings:salesdb),
// a container with --Containers=true, and otherwise a process of our own: the DevBroker, the machine's PostgreSQL.
IResourceBuilder<IResourceWithConnectionString> kafka = builder.Configuration.GetConnectionString("kafka") is not null
    ? builder.AddConnectionString("kafka").WithKafkaHealthCheck()
    : containers ? builder.AddKafkaContainer("kafka") : builder.AddKafka("kafka");
IResourceBuilder<IResourceWithConnectionString> salesdb = builder.Configuration.GetConnectionString("salesdb") is not null
    ? builder.AddConnectionString("salesdb").WithPostgresHealthCheck()
    : containers ? builder.AddPostgres("postgres").AddDatabase("salesdb")
    : builder.AddLocalPostgres("postgres").WithDataDirectory(builder.Configuration["Postgres:DataDirectory"]).AddDatabase("salesdb");

builder.AddProject<Projects.RealtimeSales_Producer>("producer")
    .WithConfigurationSection("Producer")
    .WithReference(kafka).WaitFor(kafka)
    .WithHttpEndpoint().WithHttpHealthCheck("/health");

// WaitFor(salesdb): the aggregator applies the schema migrations at start.
builder.AddProject<Projects.RealtimeSales_Aggregator>("aggregator")
    .WithReplicas(builder.Configuration.GetValue("Aggregator:Replicas", 1))
    .WithConfigurationSection("Aggregator", except: "Replicas").WithSessionFor(kafka)
    .WithReference(kafka).WithReference(salesdb)
    .WaitFor(kafka).WaitFor(salesdb)
    .WithHttpEndpoint().WithHttpHealthCheck("/health");

// The product's web app: live sales, the pipeline, read-only SQL. Its link in the Aspire dashboard signs you in.
builder.AddProject<Projects.RealtimeSales_Web>("web")
    .WithReference(kafka).WithReference(salesdb).WaitFor(salesdb)
    .WithSignInLink(builder.AddParameter("web-token", new GenerateParameterDefault { MinLength = 32, Special = false }, secret: true))
    .WithHttpEndpoint().WithHttpHealthCheck("/health");

builder.Build().Run();
