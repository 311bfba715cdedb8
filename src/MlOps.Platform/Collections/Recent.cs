namespace MlOps.Platform.Collections;

/// <summary>The last <c>capacity</c> items added, oldest first; older ones fall off. Safe to use from many threads.</summary>
public sealed class Recent<T>(int capacity)
{
    private readonly Queue<T> _items = new(capacity);
    private readonly Lock _lock = new();

    public void Add(T item)
    {
        lock (_lock)
        {
            if (_items.Count == capacity)
            {
                _items.Dequeue();
            }

            _items.Enqueue(item);
        }
    }

    /// <summary>A copy of the items, oldest first.</summary>
    public IReadOnlyList<T> Snapshot()
    {
        lock (_lock)
        {
            return [.. _items];
        }
    }
}
