namespace MlOps.WebConsole.Tests.Browser;

/// <summary>The <see cref="LoopStage"/> a test needs; a test without it runs at <see cref="LoopStage.Closed"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class StageAttribute(LoopStage stage) : Attribute
{
    public LoopStage Stage { get; } = stage;
}
