using RealtimeSales.Producer;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults(ProducerMetrics.MeterName);
builder.AddSalesProducer();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
