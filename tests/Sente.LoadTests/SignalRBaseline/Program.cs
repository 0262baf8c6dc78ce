using Sente.LoadTests.SignalRBaseline;

// SignalR's shared-framework defaults: JSON hub protocol, server GC (Sdk.Web), no extra options.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSignalR();

var app = builder.Build();
app.UseWebSockets();
app.MapHub<BenchHub>("/hub");
app.MapGet("/healthz", () => "Healthy");
await app.RunAsync();
