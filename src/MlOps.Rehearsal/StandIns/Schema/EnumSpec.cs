namespace MlOps.Rehearsal.StandIns.Schema;

/// <summary>An enum: its value names in declaration order, the first being the default (the <c>…_UNSPECIFIED</c> one).</summary>
internal sealed class EnumSpec(string fullName, IReadOnlyList<string> values)
{
    public string FullName { get; } = fullName;

    public IReadOnlyList<string> Values { get; } = values;

    public string Default => Values[0];

    public bool Contains(string value) => Values.Contains(value, StringComparer.Ordinal);
}
