using MlOps.Deployer;
using MlOps.Platform.Messaging;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddDeployer();
builder.AddMessageBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapDeployer();
app.Run();
