// The fleet measured two ways. By default, convergence: how fast N Predictor replicas follow the
// Deployer's promotions (ConvergenceBench). With --serving, serving through the reverse proxy in front
// of the replicas, the cost of promotions under load and of a canary's signals (ServingBench).
if (args is ["--front", ..])
{
    // A front process of the serving mode: this program, relaunched as the proxy before some replicas.
    await FrontHost.RunAsync(args[1..]);
}
else if (args.Contains("--serving"))
{
    await ServingBench.RunAsync(new BenchArgs(args));
}
else
{
    await ConvergenceBench.RunAsync(new BenchArgs(args));
}
