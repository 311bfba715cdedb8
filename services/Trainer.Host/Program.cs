using MlOps.Platform.Messaging;
using MlOps.Trainer;
using MlOps.Trainer.Training;

// A Vertex AI custom job runs this image with --job: one training run, then exit.
if (TrainingJob.IsJob(args))
{
    return await TrainingJob.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddTrainer();
builder.AddMessageBus();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapTrainer();
app.Run();
return 0;
