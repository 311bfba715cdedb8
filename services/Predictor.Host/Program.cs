using MlOps.Platform.Messaging;
using MlOps.Predictor;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddPredictor();
builder.AddMessageBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapPredictor();
app.Run();
