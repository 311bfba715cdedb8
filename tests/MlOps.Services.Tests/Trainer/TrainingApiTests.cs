using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MlOps.Contracts;
using MlOps.Services.Tests.Infrastructure;
using MlOps.Trainer;

namespace MlOps.Services.Tests.Trainer;

/// <summary>What the retraining build posts to <c>/api/training</c>: a reason, and for drift the alert it answers.</summary>
public sealed class TrainingApiTests
{
    [Fact]
    public async Task A_retraining_for_drift_names_the_alert_it_answers_in_the_training_request()
    {
        await using var host = await WebModuleHost.StartAsync(b => b.AddTrainer(), a => a.MapTrainer(), new Dictionary<string, string?>());
        var alert = Guid.NewGuid();

        using var response = await host.Http.PostAsJsonAsync("/api/training", new { model = "taxi-tips", reason = "drift", driftAlertId = alert });
        var request = await Wait.Published<TrainingRequested>(host.Harness);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(("taxi-tips", TrainingReasons.Drift, (Guid?)alert), (request.Model, request.Reason, request.DriftAlertId));
    }

    [Fact]
    public async Task A_request_without_a_reason_is_manual_and_an_alert_id_on_any_other_reason_is_refused_naming_the_field()
    {
        await using var host = await WebModuleHost.StartAsync(b => b.AddTrainer(), a => a.MapTrainer(), new Dictionary<string, string?>());

        using var refused = await host.Http.PostAsJsonAsync("/api/training", new { model = "taxi-tips", driftAlertId = Guid.NewGuid() });
        using var manual = await host.Http.PostAsJsonAsync("/api/training", new { model = "taxi-tips" });
        var request = await Wait.Published<TrainingRequested>(host.Harness);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("only a retraining for reason drift", errors.GetProperty("driftAlertId")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal((TrainingReasons.Manual, (Guid?)null), (request.Reason, request.DriftAlertId));
        Assert.Single(host.Harness.Published.Select<TrainingRequested>());
    }
}
