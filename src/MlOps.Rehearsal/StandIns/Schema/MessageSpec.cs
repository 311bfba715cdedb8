namespace MlOps.Rehearsal.StandIns.Schema;

/// <summary>A message: its full proto name and its fields, found by JSON name or by proto name (proto3 JSON parsers accept both).</summary>
internal sealed class MessageSpec
{
    private readonly Dictionary<string, FieldSpec> _byName = new(StringComparer.Ordinal);

    public MessageSpec(string fullName, IReadOnlyList<FieldSpec> fields)
    {
        FullName = fullName;
        Fields = fields;
        foreach (var field in fields)
        {
            _byName[field.JsonName] = field;
            _byName[field.ProtoName] = field;
        }
    }

    public string FullName { get; }

    public IReadOnlyList<FieldSpec> Fields { get; }

    public string TypeUrl => "type.googleapis.com/" + FullName;

    public FieldSpec? Find(string name) => _byName.GetValueOrDefault(name);
}
