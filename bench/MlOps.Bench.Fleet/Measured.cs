/// <summary>
/// One wrk run and what it cost: CPU microseconds a request in the front (0 without one) and in all
/// Predictor processes together, the Deployer's CPU as a share of one core, the promotions made
/// meanwhile (if any), the requests each following replica answered (null when promotions reset the
/// counters), and whether the fleet was quiet when the run started.
/// </summary>
internal sealed record Measured(WrkResult Wrk, double FrontCpuUs, double ReplicasCpuUs, double DeployerCpuPercent, Promotions? Promotions, long[]? Answered, bool Settled);
