using MlOps.WebConsole.Tests.Components;

namespace MlOps.WebConsole.Tests.Identity;

/// <summary>IAP played on loopback (its signing key and key endpoint) in front of a console whose audience and operators are set.</summary>
public sealed class IapRig : IAsyncLifetime
{
    public const string Audience = "/projects/123456789/global/backendServices/987654321";
    public const string Operator = ConsoleComponentTest.Alice;
    public const string Viewer = ConsoleComponentTest.Bob;

    private IapKeyServer? _keys;
    private ConsoleHost? _console;

    internal IapSigner Iap { get; } = new();

    internal IapKeyServer Keys => _keys ?? throw new InvalidOperationException("the rig has not started");

    internal ConsoleHost Console => _console ?? throw new InvalidOperationException("the rig has not started");

    public async Task InitializeAsync()
    {
        _keys = await IapKeyServer.StartAsync(Iap.Key);
        _console = await ConsoleHost.StartAsync(new Dictionary<string, string?>
        {
            ["Console:Iap:Audience"] = Audience,
            ["Console:Iap:KeysUrl"] = _keys.KeysUrl,
            ["Console:Operators"] = $"someone@example.com, {Operator.ToUpperInvariant()}",
        });
    }

    public async Task DisposeAsync()
    {
        if (_console is not null)
        {
            await _console.DisposeAsync();
        }

        if (_keys is not null)
        {
            await _keys.DisposeAsync();
        }
    }
}
