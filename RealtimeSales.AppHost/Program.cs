var builder = DistributedApplication.CreateBuilder(args);

builder.AddDashboard();

var kafka = builder.AddKafka("kafka");

// Unset, the database is fresh on every run; a directory keeps it (and its generated password) across runs.
var salesdb = builder.AddPostgres("postgres")
    .WithDataDirectory(builder.Configuration["Postgres:DataDirectory"])
    .AddDatabase("salesdb");

builder.AddProject<Projects.RealtimeSales_Producer>("producer")
    .WithConfigurationSection("Producer")
    .WithReference(kafka)
    .WaitFor(kafka);

// WaitFor(salesdb): the aggregator applies the schema migrations at start.
builder.AddProject<Projects.RealtimeSales_Aggregator>("aggregator")
    .WithConfigurationSection("Aggregator")
    .WithReference(kafka)
    .WithReference(salesdb)
    .WaitFor(kafka)
    .WaitFor(salesdb);

builder.Build().Run();
