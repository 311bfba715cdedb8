using MlOps.Rehearsal.StandIns.Hosting;
using MlOps.Rehearsal.StandIns.Schema;

namespace MlOps.Rehearsal.StandIns.CloudBuild;

/// <summary>The errors the Cloud Build stand-in answers, worded as Cloud Build's are.</summary>
internal static class CloudBuildErrors
{
    /// <summary>Cloud Build names nothing in a 404: a trigger, a build or an operation it does not have is this.</summary>
    public static RpcException NotFound() => new(RpcCode.NotFound, "Requested entity was not found.");

    public static RpcException InvalidArgument(List<FieldViolation> violations) =>
        RpcErrors.InvalidArgument(string.Join('\n', violations.Select(v => v.Description)), violations);

    public static RpcException InvalidArgument(string field, string description) => InvalidArgument([new FieldViolation(field, description)]);

    /// <summary>A request field the stand-in does not implement, refused rather than answered as if it had not been given.</summary>
    public static RpcException Unimplemented(string field) => InvalidArgument(field, $"The Cloud Build stand-in does not implement {field}; leave it out.");

    /// <summary>A field of the request that names something else than its path (<c>projectId</c>, <c>triggerId</c>, <c>id</c>).</summary>
    public static FieldViolation Disagrees(string field, string value, string name) =>
        new(field, $"{field} \"{value}\" does not match the resource name \"{name}\"");
}
