namespace MlOps.Rehearsal.StandIns.Routing;

/// <summary>
/// Every method the Vertex AI stand-in serves, with its <c>google.api.http</c> binding as the proto (or, for operations,
/// aiplatform_v1.yaml) declares it and the permission Vertex AI's IAM table gives it. Getting an operation needs the
/// get permission of the resource the operation belongs to, as that table says for the operations methods return.
/// </summary>
internal static class StandInRoutes
{
    private const string V1 = "google.cloud.aiplatform.v1.";
    private const string Operation = "google.longrunning.Operation";
    private const string GetOperation = "google.longrunning.Operations.GetOperation";
    private const string GetOperationRequest = "google.longrunning.GetOperationRequest";

    public static IReadOnlyList<StandInRoute<StandInApis>> All { get; } =
    [
        new(HttpRule.Post("/v1/{parent=projects/*/locations/*}/models:upload"), V1 + "ModelService.UploadModel",
            V1 + "UploadModelRequest", "*", Operation, "aiplatform.models.upload", "parent", (a, c, t) => a.Models.UploadAsync(c, t)),
        new(HttpRule.Get("/v1/{name=projects/*/locations/*/models/*}"), V1 + "ModelService.GetModel",
            V1 + "GetModelRequest", null, V1 + "Model", "aiplatform.models.get", "name", (a, c, t) => a.Models.GetAsync(c, t)),
        new(HttpRule.Get("/v1/{name=projects/*/locations/*/models/*}:listVersions"), V1 + "ModelService.ListModelVersions",
            V1 + "ListModelVersionsRequest", null, V1 + "ListModelVersionsResponse", "aiplatform.models.list", "name", (a, c, t) => a.Models.ListVersionsAsync(c, t)),
        new(HttpRule.Post("/v1/{name=projects/*/locations/*/models/*}:mergeVersionAliases"), V1 + "ModelService.MergeVersionAliases",
            V1 + "MergeVersionAliasesRequest", "*", V1 + "Model", "aiplatform.models.update", "name", (a, c, t) => a.Models.MergeVersionAliasesAsync(c, t)),
        new(HttpRule.Post("/v1/{parent=projects/*/locations/*/models/*}/evaluations:import"), V1 + "ModelService.ImportModelEvaluation",
            V1 + "ImportModelEvaluationRequest", "*", V1 + "ModelEvaluation", "aiplatform.modelEvaluations.import", "parent", (a, c, t) => a.Evaluations.ImportAsync(c, t)),
        new(HttpRule.Get("/v1/{parent=projects/*/locations/*/models/*}/evaluations"), V1 + "ModelService.ListModelEvaluations",
            V1 + "ListModelEvaluationsRequest", null, V1 + "ListModelEvaluationsResponse", "aiplatform.modelEvaluations.list", "parent", (a, c, t) => a.Evaluations.ListAsync(c, t)),

        new(HttpRule.Post("/v1/{parent=projects/*/locations/*}/endpoints"), V1 + "EndpointService.CreateEndpoint",
            V1 + "CreateEndpointRequest", "endpoint", Operation, "aiplatform.endpoints.create", "parent", (a, c, t) => a.Endpoints.CreateAsync(c, t)),
        new(HttpRule.Get("/v1/{name=projects/*/locations/*/endpoints/*}"), V1 + "EndpointService.GetEndpoint",
            V1 + "GetEndpointRequest", null, V1 + "Endpoint", "aiplatform.endpoints.get", "name", (a, c, t) => a.Endpoints.GetAsync(c, t)),
        new(HttpRule.Patch("/v1/{endpoint.name=projects/*/locations/*/endpoints/*}"), V1 + "EndpointService.UpdateEndpoint",
            V1 + "UpdateEndpointRequest", "endpoint", V1 + "Endpoint", "aiplatform.endpoints.update", "endpoint.name", (a, c, t) => a.Endpoints.UpdateAsync(c, t))
        {
            Opaque = ["endpoint"],
        },
        new(HttpRule.Post("/v1/{endpoint=projects/*/locations/*/endpoints/*}:deployModel"), V1 + "EndpointService.DeployModel",
            V1 + "DeployModelRequest", "*", Operation, "aiplatform.endpoints.deploy", "endpoint", (a, c, t) => a.Deployments.DeployAsync(c, t)),
        new(HttpRule.Post("/v1/{endpoint=projects/*/locations/*/endpoints/*}:undeployModel"), V1 + "EndpointService.UndeployModel",
            V1 + "UndeployModelRequest", "*", Operation, "aiplatform.endpoints.undeploy", "endpoint", (a, c, t) => a.Deployments.UndeployAsync(c, t)),
        new(HttpRule.Post("/v1/{endpoint=projects/*/locations/*/endpoints/*}:predict"), V1 + "PredictionService.Predict",
            V1 + "PredictRequest", "*", null, "aiplatform.endpoints.predict", "endpoint", (a, c, t) => a.Predictions.PredictAsync(c, t)),

        new(HttpRule.Post("/v1/{parent=projects/*/locations/*}/customJobs"), V1 + "JobService.CreateCustomJob",
            V1 + "CreateCustomJobRequest", "custom_job", V1 + "CustomJob", "aiplatform.customJobs.create", "parent", (a, c, t) => a.CustomJobs.CreateAsync(c, t)),
        new(HttpRule.Get("/v1/{name=projects/*/locations/*/customJobs/*}"), V1 + "JobService.GetCustomJob",
            V1 + "GetCustomJobRequest", null, V1 + "CustomJob", "aiplatform.customJobs.get", "name", (a, c, t) => a.CustomJobs.GetAsync(c, t)),
        new(HttpRule.Get("/v1/{parent=projects/*/locations/*}/customJobs"), V1 + "JobService.ListCustomJobs",
            V1 + "ListCustomJobsRequest", null, V1 + "ListCustomJobsResponse", "aiplatform.customJobs.list", "parent", (a, c, t) => a.CustomJobs.ListAsync(c, t)),
        new(HttpRule.Post("/v1/{name=projects/*/locations/*/customJobs/*}:cancel"), V1 + "JobService.CancelCustomJob",
            V1 + "CancelCustomJobRequest", "*", "google.protobuf.Empty", "aiplatform.customJobs.cancel", "name", (a, c, t) => a.CustomJobs.CancelAsync(c, t)),

        new(HttpRule.Get("/v1/{name=projects/*/locations/*/models/*/operations/*}"), GetOperation,
            GetOperationRequest, null, Operation, "aiplatform.models.get", "name", (a, c, t) => a.Operations.GetAsync(c, t)),
        new(HttpRule.Get("/v1/{name=projects/*/locations/*/endpoints/*/operations/*}"), GetOperation,
            GetOperationRequest, null, Operation, "aiplatform.endpoints.get", "name", (a, c, t) => a.Operations.GetAsync(c, t)),
        new(HttpRule.Get("/v1/{name=projects/*/locations/*/operations/*}"), GetOperation,
            GetOperationRequest, null, Operation, "aiplatform.operations.list", "name", (a, c, t) => a.Operations.GetAsync(c, t)),

        new(HttpRule.Get("/v3/{name=projects/*}/timeSeries"), "google.monitoring.v3.MetricService.ListTimeSeries",
            "google.monitoring.v3.ListTimeSeriesRequest", null, "google.monitoring.v3.ListTimeSeriesResponse", "monitoring.timeSeries.list", "name", (a, c, t) => a.Monitoring.ListTimeSeriesAsync(c, t)),
    ];
}
