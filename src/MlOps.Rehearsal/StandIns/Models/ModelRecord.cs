namespace MlOps.Rehearsal.StandIns.Models;

/// <summary>A model and its versions, numbered 1, 2, … in upload order. A model exists for callers once a version of it is ready.</summary>
internal sealed class ModelRecord(string name, DateTimeOffset createTime)
{
    public const string DefaultAlias = "default";

    public string Name { get; } = name;

    public DateTimeOffset CreateTime { get; } = createTime;

    public DateTimeOffset UpdateTime { get; set; } = createTime;

    public List<ModelVersionRecord> Versions { get; } = [];

    public bool Ready => Versions.Exists(v => v.Ready);

    /// <summary>The ready version a version ID or alias names; the <c>default</c> one when none is given.</summary>
    public ModelVersionRecord? Find(string? version) =>
        Versions.Find(v => v.Ready && (version is null ? v.Aliases.Contains(DefaultAlias) : v.VersionId == version || v.Aliases.Contains(version)));
}
