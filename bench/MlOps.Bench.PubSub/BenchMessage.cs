namespace MlOps.Bench.PubSub;

public sealed record BenchMessage(Guid Id, int Sequence, string ModelVersion, double Score);
