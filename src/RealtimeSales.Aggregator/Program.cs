using RealtimeSales.Aggregator;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(AggregatorMetrics.MeterName);
builder.AddSalesAggregator();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
