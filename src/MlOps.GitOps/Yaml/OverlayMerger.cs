namespace MlOps.GitOps.Yaml;

/// <summary>Deep-merges an overlay onto a base: mappings merge key by key, anything else in the overlay wins, and <c>~</c> removes a key.</summary>
public static class OverlayMerger
{
    public static MapNode Merge(MapNode baseMap, MapNode overlay)
    {
        var merged = new MapNode { Source = overlay.Source ?? baseMap.Source };
        foreach (var entry in baseMap.Entries)
        {
            merged.Set(entry.Key, entry.Value, entry.Source);
        }

        foreach (var entry in overlay.Entries)
        {
            if (entry.Value is ScalarNode { Type: ScalarType.Null })
            {
                merged.Remove(entry.Key);
            }
            else if (entry.Value is MapNode overlayChild && merged[entry.Key] is MapNode baseChild)
            {
                merged.Set(entry.Key, Merge(baseChild, overlayChild), entry.Source);
            }
            else
            {
                merged.Set(entry.Key, entry.Value, entry.Source);
            }
        }

        return merged;
    }
}
