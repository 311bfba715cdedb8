using System.Net;
using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.CloudBuild;

namespace MlOps.StandIns.Tests;

/// <summary>The Cloud Build stand-in: triggers run, webhook events, builds read and cancelled, each checked as Cloud Build checks it.</summary>
public sealed class CloudBuildTests
{
    [Fact]
    public async Task A_run_answers_an_operation_of_a_queued_build_which_works_and_succeeds_with_its_substitutions()
    {
        var runner = FakeBuildRunner.Answering(BuildRunOutcome.Success);
        await using var standIn = await CloudBuild.StartAsync(o => o with { Runner = runner });
        using var client = new GoogleClient(standIn);

        var operation = (await client.PostAsync(CloudBuild.Run(CloudBuild.Deploy.Name), CloudBuild.RunBody(CloudBuild.Deploy.Name))).Ok;
        var id = CloudBuild.IdOf(operation);
        var done = await Vertex.DoneAsync(client, operation);
        var build = (await client.GetAsync(CloudBuild.Build(id))).Ok;

        Assert.Matches($"^{Harness.Parent}/operations/[0-9a-f-]{{36}}$", operation["name"]!.GetValue<string>());
        Assert.Null(operation["done"]);
        Assert.Equal("type.googleapis.com/google.devtools.cloudbuild.v1.BuildOperationMetadata", operation["metadata"]!["@type"]!.GetValue<string>());
        Assert.Equal("QUEUED", operation["metadata"]!["build"]!["status"]!.GetValue<string>());
        Assert.Null(operation["metadata"]!["build"]!["startTime"]);
        Assert.Equal("type.googleapis.com/google.devtools.cloudbuild.v1.Build", done["response"]!["@type"]!.GetValue<string>());
        Assert.Equal("SUCCESS", done["response"]!["status"]!.GetValue<string>());
        Assert.Null(done["error"]);

        Assert.Equal($"{Harness.Parent}/builds/{id}", build["name"]!.GetValue<string>());
        Assert.Equal(("SUCCESS", CloudBuild.Deploy.Id), (build["status"]!.GetValue<string>(), build["buildTriggerId"]!.GetValue<string>()));
        Assert.All(["createTime", "startTime", "finishTime"], field => Assert.NotNull(build[field]));
        Assert.Equal($"https://console.cloud.google.com/cloud-build/builds;region={Harness.Location}/{id}?project={CloudBuild.ProjectNumber}", build["logUrl"]!.GetValue<string>());
        var substitutions = build["substitutions"]!.AsObject().ToDictionary(e => e.Key, e => e.Value!.GetValue<string>());
        Assert.Equal("taxi-tips", substitutions["_MODEL"]);
        Assert.Equal("3", substitutions["_MODEL_VERSION"]);
        Assert.Equal("dev", substitutions["_ENVIRONMENT"]);
        Assert.Equal(("env/dev", CloudBuild.Deploy.Name, id, Harness.Project), (substitutions["BRANCH_NAME"], substitutions["TRIGGER_NAME"], substitutions["BUILD_ID"], substitutions["PROJECT_ID"]));

        var launch = Assert.Single(runner.Launches);
        Assert.Equal((id, CloudBuild.Deploy, "env/dev"), (launch.BuildId, launch.Trigger, launch.Branch));
        Assert.Equal(substitutions, launch.Substitutions);
        Assert.Null(launch.WebhookPayload);
        Assert.Equal("SUCCESS", Assert.Single(standIn.Builds).Status);
        Assert.Equal("POST /v1/{name=projects/*/locations/*/triggers/*}:run", standIn.Requests[0].Binding);
    }

    [Fact]
    public async Task A_trigger_is_run_by_its_id_too_and_without_a_branch_builds_the_triggers_branch()
    {
        await using var standIn = await CloudBuild.StartAsync();
        using var client = new GoogleClient(standIn);

        var operation = (await client.PostAsync(CloudBuild.Run(CloudBuild.Deploy.Id), new JsonObject())).Ok;
        var build = await CloudBuild.FinishedAsync(client, CloudBuild.IdOf(operation));

        Assert.Equal("SUCCESS", build["status"]!.GetValue<string>());
        Assert.Equal("env/dev", build["substitutions"]!["BRANCH_NAME"]!.GetValue<string>());
        Assert.Equal("none", build["substitutions"]!["_MODEL"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_failed_build_ends_FAILURE_with_its_detail_and_its_operation_with_an_error()
    {
        const string Detail = "Build step failure: build step 1 \"gcr.io/cloud-builders/git\" failed: step exited with non-zero status: 128";
        await using var standIn = await CloudBuild.StartAsync(o => o with { Runner = FakeBuildRunner.Answering(BuildRunOutcome.Failure(Detail)) });
        using var client = new GoogleClient(standIn);

        var operation = (await client.PostAsync(CloudBuild.Run(CloudBuild.Deploy.Name), CloudBuild.RunBody(CloudBuild.Deploy.Name))).Ok;
        var build = await CloudBuild.FinishedAsync(client, CloudBuild.IdOf(operation));
        var done = await Vertex.DoneAsync(client, operation);

        Assert.Equal(("FAILURE", Detail), (build["status"]!.GetValue<string>(), build["statusDetail"]!.GetValue<string>()));
        Assert.Equal(("USER_BUILD_STEP", Detail), (build["failureInfo"]!["type"]!.GetValue<string>(), build["failureInfo"]!["detail"]!.GetValue<string>()));
        Assert.NotNull(build["finishTime"]);
        Assert.Null(done["response"]);
        Assert.Equal((2, "Build failed; check build logs for details"), (done["error"]!["code"]!.GetValue<int>(), done["error"]!["message"]!.GetValue<string>()));
        Assert.Equal("FAILURE", done["metadata"]!["build"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_runner_that_throws_ends_the_build_INTERNAL_ERROR()
    {
        await using var standIn = await CloudBuild.StartAsync(o => o with { Runner = new FakeBuildRunner((_, _) => throw new InvalidOperationException("no worker pool")) });
        using var client = new GoogleClient(standIn);

        var operation = (await client.PostAsync(CloudBuild.Run(CloudBuild.Deploy.Name), CloudBuild.RunBody(CloudBuild.Deploy.Name))).Ok;
        var build = await CloudBuild.FinishedAsync(client, CloudBuild.IdOf(operation));

        Assert.Equal("INTERNAL_ERROR", build["status"]!.GetValue<string>());
        Assert.Contains("no worker pool", build["statusDetail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(build["failureInfo"]);
    }

    [Fact]
    public async Task A_working_build_is_cancelled_at_once_its_runner_cancelled_and_a_second_cancel_answers_it_as_it_is()
    {
        var runnerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runner = new FakeBuildRunner(async (_, cancellationToken) =>
        {
            using var registration = cancellationToken.Register(() => runnerCancelled.TrySetResult());
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return BuildRunOutcome.Success;
        });
        await using var standIn = await CloudBuild.StartAsync(o => o with { Runner = runner });
        using var client = new GoogleClient(standIn);
        var operation = (await client.PostAsync(CloudBuild.Run(CloudBuild.Deploy.Name), CloudBuild.RunBody(CloudBuild.Deploy.Name))).Ok;
        var id = CloudBuild.IdOf(operation);
        await Vertex.EventuallyAsync(async () => (await client.GetAsync(CloudBuild.Build(id))).Ok["status"]!.GetValue<string>(), s => s == "WORKING", "the build to work");

        var cancelled = (await client.PostAsync(CloudBuild.Build(id) + ":cancel", new JsonObject { ["name"] = $"{Harness.Parent}/builds/{id}", ["projectId"] = Harness.Project, ["id"] = id })).Ok;
        var again = (await client.PostAsync(CloudBuild.Build(id) + ":cancel", new JsonObject())).Ok;
        await runnerCancelled.Task.WaitAsync(Harness.Patience);
        var done = await Vertex.DoneAsync(client, operation);

        Assert.Equal("CANCELLED", cancelled["status"]!.GetValue<string>());
        Assert.NotNull(cancelled["finishTime"]);
        Assert.Equal(cancelled.ToJsonString(), again.ToJsonString());
        Assert.Equal(1, done["error"]!["code"]!.GetValue<int>());
        Assert.Equal("CANCELLED", Assert.Single(standIn.Builds).Status);
    }

    [Fact]
    public async Task Bodies_cloud_build_would_not_parse_are_one_400_naming_each_field()
    {
        await using var standIn = await CloudBuild.StartAsync();
        using var client = new GoogleClient(standIn);
        var body = CloudBuild.RunBody(CloudBuild.Deploy.Name);
        body["source"]!["branchName"] = 5;
        body["source"]!["foo"] = "bar";
        body["source"]!["substitutions"]!["_N"] = 3;
        body["build"] = new JsonObject();

        var refused = await client.PostAsync(CloudBuild.Run(CloudBuild.Deploy.Name), body);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("INVALID_ARGUMENT", refused.Error["status"]!.GetValue<string>());
        Assert.Contains("Invalid JSON payload received. Unknown name \"foo\" at 'source': Cannot find field.", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid JSON payload received. Unknown name \"build\": Cannot find field.", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Invalid value at 'source.branchName' (TYPE_STRING), 5", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["build", "source.branchName", "source.foo", "source.substitutions[_N]"], refused.ViolatedFields.Order());
        Assert.Empty(standIn.Builds);
    }

    [Fact]
    public async Task Every_binding_refuses_a_field_its_request_message_does_not_have()
    {
        await using var standIn = await CloudBuild.StartAsync();
        using var client = new GoogleClient(standIn);
        var id = CloudBuild.IdOf((await client.PostAsync(CloudBuild.Run(CloudBuild.Deploy.Name), CloudBuild.RunBody(CloudBuild.Deploy.Name))).Ok);

        var get = await client.GetAsync(CloudBuild.Build(id) + "?view=FULL");
        var cancel = await client.PostAsync(CloudBuild.Build(id) + ":cancel", new JsonObject { ["reason"] = "superseded" });
        var cancelQuery = await client.PostAsync(CloudBuild.Build(id) + ":cancel?projectId=" + Harness.Project, new JsonObject());
        var operation = await client.GetAsync($"v1/{Harness.Parent}/operations/1?filter=done");
        var otherId = await client.GetAsync(CloudBuild.Build(id) + "?id=another");
        var agreeing = await client.GetAsync(CloudBuild.Build(id) + $"?projectId={Harness.Project}&id={id}");

        Assert.Equal(["view"], get.ViolatedFields);
        Assert.Contains("Unknown name \"view\": Cannot bind query parameter.", get.Message, StringComparison.Ordinal);
        Assert.Equal(["reason"], cancel.ViolatedFields);
        Assert.Equal(["projectId"], cancelQuery.ViolatedFields);
        Assert.Equal(["filter"], operation.ViolatedFields);
        Assert.Equal(["id"], otherId.ViolatedFields);
        Assert.Equal(id, agreeing.Ok["id"]!.GetValue<string>());
        Assert.NotEqual("CANCELLED", Assert.Single(standIn.Builds).Status);
    }

    [Fact]
    public async Task Substitutions_that_are_not_user_substitutions_and_a_body_naming_another_project_or_trigger_are_400_naming_the_field()
    {
        await using var standIn = await CloudBuild.StartAsync();
        using var client = new GoogleClient(standIn);
        var trigger = CloudBuild.Deploy.Name;

        var keys = await client.PostAsync(CloudBuild.Run(trigger), CloudBuild.RunBody(trigger, new JsonObject { ["_OK"] = "1", ["model"] = "x", ["BRANCH_NAME"] = "main" }));
        var project = CloudBuild.RunBody(trigger);
        project["projectId"] = "someone-else";
        var otherProject = await client.PostAsync(CloudBuild.Run(trigger), project);
        var other = CloudBuild.RunBody(trigger);
        other["triggerId"] = CloudBuild.Hook.Id;
        var otherTrigger = await client.PostAsync(CloudBuild.Run(trigger), other);
        var sameById = CloudBuild.RunBody(trigger);
        sameById["triggerId"] = CloudBuild.Deploy.Id;
        var agreeing = await client.PostAsync(CloudBuild.Run(trigger), sameById);

        Assert.Equal(HttpStatusCode.BadRequest, keys.Status);
        Assert.Equal(["source.substitutions[BRANCH_NAME]", "source.substitutions[model]"], keys.ViolatedFields.Order());
        Assert.Contains("substitution key \"model\" does not respect format \"^_[A-Z0-9_]+$\"", keys.Message, StringComparison.Ordinal);
        Assert.Equal(["projectId"], otherProject.ViolatedFields);
        Assert.Equal(["triggerId"], otherTrigger.ViolatedFields);
        Assert.Contains($"triggerId \"{CloudBuild.Hook.Id}\" does not match the resource name", otherTrigger.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, agreeing.Status);
        Assert.Single(standIn.Builds);
    }

    [Fact]
    public async Task What_does_not_exist_is_404_another_project_403_and_another_location_404()
    {
        await using var standIn = await CloudBuild.StartAsync();
        using var client = new GoogleClient(standIn);

        var trigger = await client.PostAsync(CloudBuild.Run("no-such-trigger"), CloudBuild.RunBody("no-such-trigger"));
        var build = await client.GetAsync(CloudBuild.Build("2a0e7a52-0000-4000-8000-000000000000"));
        var operation = await client.GetAsync($"v1/{Harness.Parent}/operations/2a0e7a52-0000-4000-8000-000000000001");
        var project = await client.GetAsync($"v1/projects/someone-else/locations/{Harness.Location}/builds/1");
        var location = await client.PostAsync($"v1/projects/{Harness.Project}/locations/us-central1/triggers/{CloudBuild.Deploy.Name}:run", new JsonObject());

        Assert.All([trigger, build, operation], answer =>
        {
            Assert.Equal(HttpStatusCode.NotFound, answer.Status);
            Assert.Equal("NOT_FOUND", answer.Error["status"]!.GetValue<string>());
            Assert.Equal("Requested entity was not found.", answer.Message);
        });
        Assert.Equal(HttpStatusCode.Forbidden, project.Status);
        Assert.Equal("Permission 'cloudbuild.builds.get' denied on resource '//cloudbuild.googleapis.com/projects/someone-else/locations/europe-west4/builds/1' (or it may not exist).", project.Message);
        Assert.Equal(HttpStatusCode.NotFound, location.Status);
        Assert.Empty(standIn.Builds);
    }

    [Fact]
    public async Task A_caller_without_the_permission_is_403_naming_the_permission_and_the_resource()
    {
        await using var standIn = await CloudBuild.StartAsync(o => o with
        {
            Permissions = new Dictionary<string, IReadOnlySet<string>> { [Harness.Principal] = new HashSet<string> { "cloudbuild.builds.get" } },
        });
        using var client = new GoogleClient(standIn);

        var run = await client.PostAsync(CloudBuild.Run(CloudBuild.Deploy.Name), CloudBuild.RunBody(CloudBuild.Deploy.Name));
        var webhook = await client.PostAsync($"v1/{CloudBuild.Trigger(CloudBuild.Hook.Name)}:webhook?secret={CloudBuild.Secret}", new JsonObject());
        var cancel = await client.PostAsync(CloudBuild.Build("1") + ":cancel", new JsonObject());
        var get = await client.GetAsync(CloudBuild.Build("1"));

        Assert.Equal(HttpStatusCode.Forbidden, run.Status);
        Assert.Equal($"Permission 'cloudbuild.builds.create' denied on resource '//cloudbuild.googleapis.com/{CloudBuild.Trigger(CloudBuild.Deploy.Name)}' (or it may not exist).", run.Message);
        var info = Assert.Single(run.Error["details"]!.AsArray())!;
        Assert.Equal(("IAM_PERMISSION_DENIED", "cloudbuild.googleapis.com"), (info["reason"]!.GetValue<string>(), info["domain"]!.GetValue<string>()));
        Assert.Equal(("cloudbuild.builds.create", CloudBuild.Trigger(CloudBuild.Deploy.Name)), (info["metadata"]!["permission"]!.GetValue<string>(), info["metadata"]!["resource"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.Forbidden, webhook.Status);
        Assert.Contains("'cloudbuild.builds.create'", webhook.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, cancel.Status);
        Assert.Contains("'cloudbuild.builds.update'", cancel.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, get.Status);
        Assert.Empty(standIn.Builds);
    }

    [Fact]
    public async Task A_url_no_binding_takes_is_404_naming_the_method_its_path_is_bound_to_and_a_missing_token_401()
    {
        await using var standIn = await CloudBuild.StartAsync();
        using var client = new GoogleClient(standIn);
        using var anonymous = new GoogleClient(standIn, token: null);

        var get = await client.GetAsync(CloudBuild.Run(CloudBuild.Deploy.Name));
        var global = await client.PostAsync($"v1/projects/{Harness.Project}/triggers/{CloudBuild.Deploy.Name}:run", new JsonObject());
        var missing = await anonymous.PostAsync(CloudBuild.Run(CloudBuild.Deploy.Name), new JsonObject());

        Assert.Equal(HttpStatusCode.NotFound, get.Status);
        Assert.Contains("(that path is bound to POST, not GET)", get.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, global.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.Status);
        Assert.Equal("cloudbuild.googleapis.com", missing.Error["details"]![0]!["metadata"]!["service"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_webhook_event_with_the_triggers_secret_runs_a_build_given_its_payload()
    {
        var runner = FakeBuildRunner.Answering(BuildRunOutcome.Success);
        await using var standIn = await CloudBuild.StartAsync(o => o with { Runner = runner });
        using var client = new GoogleClient(standIn);
        var payload = new JsonObject { ["ref"] = "refs/heads/main", ["after"] = "9c1f0e2" };

        var answer = (await client.PostAsync($"v1/{CloudBuild.Trigger(CloudBuild.Hook.Name)}:webhook?secret={CloudBuild.Secret}", payload)).Ok;
        var build = await Vertex.EventuallyAsync(() => Task.FromResult(standIn.Builds), b => b.Count == 1 && b[0].Status == "SUCCESS", "the webhook's build to succeed");

        Assert.Empty(answer.AsObject());
        var launch = Assert.Single(runner.Launches);
        Assert.Equal((CloudBuild.Hook, "main"), (launch.Trigger, launch.Branch));
        Assert.Equal("refs/heads/main", launch.WebhookPayload!.Value.GetProperty("ref").GetString());
        Assert.Equal(launch, build[0].Launch);
        Assert.Equal("refs/heads/main", standIn.Requests[0].Body!["ref"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_webhook_event_without_the_secret_is_400_with_another_403_and_to_a_trigger_that_takes_none_400()
    {
        await using var standIn = await CloudBuild.StartAsync();
        using var client = new GoogleClient(standIn);
        var hook = $"v1/{CloudBuild.Trigger(CloudBuild.Hook.Name)}:webhook";

        var missing = await client.PostAsync(hook, new JsonObject());
        var wrong = await client.PostAsync(hook + "?secret=guess", new JsonObject());
        var notJson = await client.SendAsync(HttpMethod.Post, hook + $"?secret={CloudBuild.Secret}", "ref=main", "application/x-www-form-urlencoded");
        var notAWebhook = await client.PostAsync($"v1/{CloudBuild.Trigger(CloudBuild.Deploy.Name)}:webhook?secret={CloudBuild.Secret}", new JsonObject());
        var unknownParameter = await client.PostAsync(hook + $"?secret={CloudBuild.Secret}&branch=main", new JsonObject());

        Assert.Equal((HttpStatusCode.BadRequest, "INVALID_ARGUMENT"), (missing.Status, missing.Error["status"]!.GetValue<string>()));
        Assert.Equal(["secret"], missing.ViolatedFields);
        Assert.Equal((HttpStatusCode.Forbidden, "PERMISSION_DENIED"), (wrong.Status, wrong.Error["status"]!.GetValue<string>()));
        Assert.Contains("does not match the secret of the webhook trigger", wrong.Message, StringComparison.Ordinal);
        Assert.Equal(["body"], notJson.ViolatedFields);
        Assert.Equal((HttpStatusCode.BadRequest, "FAILED_PRECONDITION"), (notAWebhook.Status, notAWebhook.Error["status"]!.GetValue<string>()));
        Assert.Equal(["branch"], unknownParameter.ViolatedFields);
        Assert.Empty(standIn.Builds);
    }

    [Fact]
    public async Task An_injected_fault_is_answered_with_retry_after_before_the_call_is_served()
    {
        await using var standIn = await CloudBuild.StartAsync();
        using var client = new GoogleClient(standIn);
        standIn.Inject(new StandInFault("POST", ":run", RpcCode.Unavailable) { RetryAfter = TimeSpan.FromSeconds(2) });

        var refused = await client.PostAsync(CloudBuild.Run(CloudBuild.Deploy.Name), CloudBuild.RunBody(CloudBuild.Deploy.Name));
        var served = await client.PostAsync(CloudBuild.Run(CloudBuild.Deploy.Name), CloudBuild.RunBody(CloudBuild.Deploy.Name));

        Assert.Equal((HttpStatusCode.ServiceUnavailable, "UNAVAILABLE"), (refused.Status, refused.Error["status"]!.GetValue<string>()));
        Assert.Equal(TimeSpan.FromSeconds(2), refused.Headers.RetryAfter?.Delta);
        Assert.Contains("Cloud Build stand-in", refused.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, served.Status);
        Assert.Equal(1, standIn.FaultsServed);
    }

    [Fact]
    public void Each_binding_names_the_permission_cloud_build_checks()
    {
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["POST /v1/{name=projects/*/locations/*/triggers/*}:run"] = "cloudbuild.builds.create",
                ["POST /v1/{name=projects/*/locations/*/triggers/*}:webhook"] = "cloudbuild.builds.create",
                ["GET /v1/{name=projects/*/locations/*/builds/*}"] = "cloudbuild.builds.get",
                ["POST /v1/{name=projects/*/locations/*/builds/*}:cancel"] = "cloudbuild.builds.update",
                ["GET /v1/{name=projects/*/locations/*/operations/*}"] = "cloudbuild.builds.get",
            },
            CloudBuildStandIn.PermissionOf);
    }
}
