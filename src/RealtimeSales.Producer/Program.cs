using RealtimeSales.Producer;

// Settings ship next to the binary: the AppHost and tests start it from other directories.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddServiceDefaults(ProducerMetrics.MeterName);
builder.AddSalesProducer();

var app = builder.Build();

app.MapDefaultEndpoints();

await app.RunAsync();
