using RealtimeSales.Web;

// Assets and the cookbook are compiled in; appsettings ship next to the binary, as the workers' do.
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });

builder.AddServiceDefaults();
builder.AddSalesWeb();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapSalesWeb();

await app.RunAsync();
