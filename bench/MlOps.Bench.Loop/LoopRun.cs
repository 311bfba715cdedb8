/// <summary>
/// One loop, each stage as seconds after the drift's onset (null where the mode cannot see that stage):
/// drift detected, training requested, model trained, promoted, deployment started, the new version serving 100%.
/// </summary>
internal sealed record LoopRun(double? Detected, double? Requested, double? Trained, double? Promoted, double? Started, double Serving)
{
    public static readonly string[] Stages = ["drift detected", "training requested", "model trained", "promoted", "deployment started", "serving 100%"];

    public double?[] Offsets => [Detected, Requested, Trained, Promoted, Started, Serving];
}
