using MlOps.DriftWatcher;
using MlOps.Platform.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDriftWatcher();
builder.AddMessageBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDriftWatcher();
app.Run();
