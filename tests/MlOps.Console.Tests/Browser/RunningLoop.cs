using MlOps.Testing;

namespace MlOps.WebConsole.Tests.Browser;

/// <summary>One <c>mlops loop --serve</c> in a fresh working folder, and one headless Chromium, shared by the browser tests.</summary>
public sealed class RunningLoop : IAsyncLifetime
{
    public const string Collection = "mlops loop --serve in Chromium";

    private readonly TempDirectory _folder = new("mlops-console-tests");
    private LoopProcess? _loop;

    public MlOps.Testing.Browser Browser { get; private set; } = null!;

    /// <summary><c>http://127.0.0.1:PORT</c>, known before the loop closes.</summary>
    public string ConsoleUrl { get; private set; } = "";

    /// <summary>Completes when the loop has closed; fails with the loop's output when it does not.</summary>
    public Task Closed => _loop!.Closed;

    public string Output() => _loop?.Output() ?? "";

    public async Task InitializeAsync()
    {
        // The browser first, so that a page opens the moment the console is up and sees the loop get to v2.
        Browser = new MlOps.Testing.Browser(MlOps.Testing.Browser.ScreenshotsOf("MlOps.Console.Tests"));
        Browser.Viewport(ConsolePage.DesktopWidth, ConsolePage.DesktopHeight);
        _loop = LoopProcess.Start(_folder.Combine("loop"));
        ConsoleUrl = await _loop.ConsoleUrl;
    }

    public Task DisposeAsync()
    {
        Browser?.Dispose();
        _loop?.Dispose();
        _folder.Dispose();
        return Task.CompletedTask;
    }
}
