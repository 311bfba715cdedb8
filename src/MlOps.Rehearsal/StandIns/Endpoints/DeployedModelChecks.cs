using System.Text.Json.Nodes;
using MlOps.Rehearsal.StandIns.Common;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.Endpoints;

/// <summary>
/// What DeployModel asks of a custom-trained model's DeployedModel beyond its REQUIRED fields: dedicated resources
/// (the only kind such a model supports) with a machine type, and replica counts that make sense.
/// </summary>
internal static class DeployedModelChecks
{
    public static void CheckResources(JsonObject sent, List<FieldViolation> violations)
    {
        const string path = "deployedModel.dedicatedResources";
        if (sent.Obj("automaticResources") is not null || sent.Str("sharedResources") is not null)
        {
            violations.Add(new FieldViolation(path, "A custom-trained Model is deployed on dedicatedResources, not automaticResources or sharedResources."));
            return;
        }

        if (sent.Obj("dedicatedResources") is not { } resources)
        {
            violations.Add(new FieldViolation(path, RequiredFields.NotSet));
            return;
        }

        if (resources.Obj("machineSpec").Str("machineType") is null)
        {
            violations.Add(new FieldViolation(path + ".machineSpec.machineType", RequiredFields.NotSet));
        }

        var min = resources.Int("minReplicaCount");
        var max = resources.Int("maxReplicaCount");
        if (min < 0)
        {
            violations.Add(new FieldViolation(path + ".minReplicaCount", $"The minimum replica count is at least 1, not {min}."));
        }

        if (max != 0 && max < min)
        {
            violations.Add(new FieldViolation(path + ".maxReplicaCount", $"The maximum replica count {max} is less than the minimum {min}."));
        }
    }
}
