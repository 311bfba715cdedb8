namespace MlOps.Core.Data;

/// <summary>
/// Interns strings by content, looked up by span so a repeated value allocates nothing. Past
/// <see cref="Capacity"/> distinct values it stops remembering, so memory stays bounded on free text.
/// </summary>
public sealed class StringPool
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public StringPool(int capacity = 100_000)
    {
        Capacity = capacity;
        _lookup = _values.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Capacity { get; }

    public int Count => _values.Count;

    public string Get(ReadOnlySpan<char> value)
    {
        if (_lookup.TryGetValue(value, out var existing))
        {
            return existing;
        }

        var created = value.ToString();
        if (_values.Count < Capacity)
        {
            _values[created] = created;
        }

        return created;
    }
}
