using MlOps.Platform.Messaging;
using MlOps.Trainer;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTrainer();
builder.AddMessageBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapTrainer();
app.Run();
