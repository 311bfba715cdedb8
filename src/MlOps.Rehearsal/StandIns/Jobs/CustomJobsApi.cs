using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Hosting;
using MlOps.Rehearsal.StandIns.Routing;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Jobs;

/// <summary>JobService: CreateCustomJob, GetCustomJob, ListCustomJobs and CancelCustomJob.</summary>
internal sealed class CustomJobsApi(StandInState state, CustomJobRunner runner)
{
    /// <summary>Answers the job as created (QUEUED, not an operation), then runs it.</summary>
    public Task<JsonNode> CreateAsync(StandInCall call, CancellationToken cancellationToken)
    {
        var sent = call.Request.Obj("customJob")!;
        var pools = sent.Obj("jobSpec").List("workerPoolSpecs");
        var violations = new List<FieldViolation>();
        for (var i = 0; i < pools.Count; i++)
        {
            var path = $"customJob.jobSpec.workerPoolSpecs[{i}]";
            var pool = pools[i] as JsonObject ?? [];

            // "All worker pools except the first one are optional and can be skipped by providing an empty value."
            if (i > 0 && pool.Count == 0)
            {
                continue;
            }

            if (pool.Obj("containerSpec") is null)
            {
                violations.Add(new FieldViolation(path + ".containerSpec", RequiredFields.NotSet));
            }

            if (pool.Obj("machineSpec").Str("machineType") is null)
            {
                violations.Add(new FieldViolation(path + ".machineSpec.machineType", RequiredFields.NotSet));
            }
        }

        Labels.Check(sent.Obj("labels"), "customJob.labels", violations);
        if (violations.Count > 0)
        {
            throw RpcErrors.InvalidArgument(violations);
        }

        lock (state.Gate)
        {
            var id = state.Ids.Next();
            var job = new CustomJobRecord(id, state.Names.CustomJob(id), sent.Input("google.cloud.aiplatform.v1.CustomJob"), state.Now);
            state.CustomJobs[id] = job;
            runner.Start(job);
            return Task.FromResult<JsonNode>(job.ToJson());
        }
    }

    public Task<JsonNode> GetAsync(StandInCall call, CancellationToken cancellationToken)
    {
        lock (state.Gate)
        {
            return Task.FromResult<JsonNode>(Find(call.Request.Str("name")!).ToJson());
        }
    }

    /// <summary>The jobs in creation order that match a filter on labels, <c>state</c> or <c>displayName</c>.</summary>
    public Task<JsonNode> ListAsync(StandInCall call, CancellationToken cancellationToken)
    {
        var request = call.Request;
        Unimplemented.Refuse(request, "readMask");
        var filter = ListFilter.Parse(request, "state", "displayName");
        lock (state.Gate)
        {
            var jobs = state.CustomJobs.Values
                .Where(j => filter.Matches(field => field == "state" ? j.State : j.Sent.Str(field), j.Labels))
                .ToList();
            var page = Paging.Page(jobs, request, out var next);
            var response = new JsonObject { ["customJobs"] = new JsonArray([.. page.Select(j => (JsonNode)j.ToJson())]) };
            if (next is not null)
            {
                response["nextPageToken"] = next;
            }

            return Task.FromResult<JsonNode>(response);
        }
    }

    /// <summary>A job that has ended cannot be cancelled (FAILED_PRECONDITION); one that is running goes CANCELLING, then CANCELLED.</summary>
    public Task<JsonNode> CancelAsync(StandInCall call, CancellationToken cancellationToken)
    {
        CustomJobRecord job;
        lock (state.Gate)
        {
            job = Find(call.Request.Str("name")!);
            if (JobStates.IsFinal(job.State))
            {
                throw RpcErrors.FailedPrecondition($"The CustomJob \"{job.Name}\" is in state {job.State} and cannot be cancelled.");
            }

            job.Enter(JobStates.Cancelling, state.Now);
        }

        // Outside the gate: cancellation runs the run's callbacks, which may take it.
        job.Cancellation.Cancel();
        return Task.FromResult<JsonNode>(new JsonObject());
    }

    private CustomJobRecord Find(string name) =>
        state.Names.IdIn("customJobs", name) is { } id && state.CustomJobs.TryGetValue(id, out var job) ? job : throw RpcErrors.NotFound("CustomJob", name);
}
