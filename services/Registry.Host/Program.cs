using MlOps.Platform.Messaging;
using MlOps.Registry;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddRegistry();
builder.AddMessageBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapRegistry();
app.Run();
