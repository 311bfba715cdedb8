namespace MlOps.Predictor.Fleet;

/// <summary>Whether this replica reaches the Deployer: when it last did, and the last problem if it does not now.</summary>
public sealed class FleetLink
{
    private readonly Lock _lock = new();
    private DateTimeOffset? _lastContact;
    private string? _lastProblem;

    /// <summary>False for a replica pinned to one package (<c>Predictor:PackageUri</c>, Vertex AI): it follows no Deployer.</summary>
    public bool Following { get; private set; }

    public DateTimeOffset? LastContact
    {
        get
        {
            lock (_lock)
            {
                return _lastContact;
            }
        }
    }

    public string? LastProblem
    {
        get
        {
            lock (_lock)
            {
                return _lastProblem;
            }
        }
    }

    public void Follow() => Following = true;

    /// <summary>Records a contact; true when it ends a spell without one.</summary>
    public bool Contact(DateTimeOffset at)
    {
        lock (_lock)
        {
            var restored = _lastProblem is not null;
            _lastContact = at;
            _lastProblem = null;
            return restored;
        }
    }

    /// <summary>Records a failed contact; true when it starts a spell without one.</summary>
    public bool Lost(string problem)
    {
        lock (_lock)
        {
            var first = _lastProblem is null;
            _lastProblem = problem;
            return first;
        }
    }
}
