namespace MlOps.Rehearsal.StandIns.Monitoring;

/// <param name="Second">Unix seconds of the start of the second.</param>
internal readonly record struct MetricKey(string EndpointId, string DeployedModelId, long Second);
