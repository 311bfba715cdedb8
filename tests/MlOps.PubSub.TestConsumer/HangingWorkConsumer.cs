using MassTransit;

namespace MlOps.PubSub.TestConsumer;

/// <summary>Announces each message and never finishes it, so the test can kill the process mid-message.</summary>
public sealed class HangingWorkConsumer : IConsumer<WorkItem>
{
    public async Task Consume(ConsumeContext<WorkItem> context)
    {
        Console.WriteLine($"consuming {context.Message.Id}");
        await Task.Delay(Timeout.Infinite, context.CancellationToken);
    }
}
