using System.Diagnostics.Metrics;

namespace MlOps.Registry.Telemetry;

/// <summary>The champion/challenger gate's decisions by outcome.</summary>
public sealed class RegistryMetrics
{
    public const string MeterName = "MlOps.Registry";

    private readonly Counter<long> _decisions;

    public RegistryMetrics(IMeterFactory meters) =>
        _decisions = meters.Create(MeterName).CreateCounter<long>("mlops.registry.gate_decisions", "{decision}", "Gate decisions on new challengers: promoted or rejected");

    public void Decided(string model, bool promoted) => _decisions.Add(1, new("model", model), new("outcome", promoted ? "promoted" : "rejected"));
}
