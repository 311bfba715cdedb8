using System.Text.Json;
using Microsoft.Extensions.Options;
using MlOps.Platform.Artifacts;

namespace MlOps.Trainer.Training;

/// <summary>
/// The Trainer's own record of each model's champion, learned from the Registry's promotions and
/// rollbacks, so a challenger can be compared with it. Kept in a small JSON file so a restarted
/// Trainer still knows.
/// </summary>
public sealed class ChampionDirectory
{
    private readonly string _path;
    private readonly Lock _lock = new();
    private readonly State _state;

    public ChampionDirectory(ArtifactStore store, IOptions<TrainerOptions> options)
    {
        _path = store.Resolve(options.Value.StatePath);
        _state = File.Exists(_path) ? JsonSerializer.Deserialize<State>(File.ReadAllText(_path)) ?? new State() : new State();
    }

    public ChampionRef? Get(string model)
    {
        lock (_lock)
        {
            return _state.Champions.TryGetValue(model, out var version) && _state.Packages.TryGetValue(Key(model, version), out var uri)
                ? new ChampionRef(version, uri)
                : null;
        }
    }

    public void Promote(string model, int version, string packageUri)
    {
        lock (_lock)
        {
            _state.Packages[Key(model, version)] = packageUri;
            _state.Champions[model] = version;
            Save();
        }
    }

    /// <summary>The rolled-back version is no longer champion; the restored one is, if known.</summary>
    public void RollBack(string model, int version, int? restored)
    {
        lock (_lock)
        {
            if (_state.Champions.TryGetValue(model, out var current) && current != version)
            {
                return;
            }

            if (restored is { } r && _state.Packages.ContainsKey(Key(model, r)))
            {
                _state.Champions[model] = r;
            }
            else
            {
                _state.Champions.Remove(model);
            }

            Save();
        }
    }

    private static string Key(string model, int version) => $"{model}@{version}";

    private void Save()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(_state));
        File.Move(temporary, _path, overwrite: true);
    }

    private sealed class State
    {
        public Dictionary<string, int> Champions { get; set; } = [];

        public Dictionary<string, string> Packages { get; set; } = [];
    }
}

public sealed record ChampionRef(int Version, string PackageUri);
