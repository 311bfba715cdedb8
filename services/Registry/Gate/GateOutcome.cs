using MlOps.Contracts;

namespace MlOps.Registry.Gate;

/// <summary>The gate's verdict on a challenger, as the message that announces it.</summary>
public abstract record GateOutcome
{
    private GateOutcome()
    {
    }

    public abstract GateVerdict Verdict { get; }

    public sealed record Promoted(ModelPromoted Message) : GateOutcome
    {
        public override GateVerdict Verdict => Message.Verdict;
    }

    public sealed record Rejected(ModelRejected Message) : GateOutcome
    {
        public override GateVerdict Verdict => Message.Verdict;
    }
}
