using MlOps.Rehearsal.StandIns.Endpoints;
using MlOps.Rehearsal.StandIns.Jobs;
using MlOps.Rehearsal.StandIns.Models;
using MlOps.Rehearsal.StandIns.Monitoring;
using MlOps.Rehearsal.StandIns.Operations;

namespace MlOps.Rehearsal.StandIns.Routing;

/// <summary>The services behind the routes.</summary>
internal sealed record StandInApis(
    ModelsApi Models,
    EvaluationsApi Evaluations,
    EndpointsApi Endpoints,
    DeploymentsApi Deployments,
    PredictionsApi Predictions,
    CustomJobsApi CustomJobs,
    OperationsApi Operations,
    MonitoringApi Monitoring);
