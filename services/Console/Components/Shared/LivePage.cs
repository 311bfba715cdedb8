using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MlOps.WebConsole.Clients;

namespace MlOps.WebConsole.Components.Shared;

/// <summary>
/// A page that reads the services again every <see cref="ConsoleOptions.RefreshSeconds"/> while it is open, so it
/// follows the loop without a reload. A service that does not answer is shown as such; the last data stays.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private PeriodicTimer? _timer;

    [Inject]
    protected PlatformClient Api { get; set; } = default!;

    [Inject]
    protected IOptions<ConsoleOptions> Options { get; set; } = default!;

    [Inject]
    protected TimeProvider Time { get; set; } = default!;

    /// <summary>When the data shown was read.</summary>
    public DateTimeOffset? UpdatedAt { get; private set; }

    /// <summary>Why the last reading failed, if it did.</summary>
    public string? Problem { get; private set; }

    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    protected override async Task OnParametersSetAsync() => await RefreshAsync();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = FollowAsync();
        }
    }

    /// <summary>Reads again now (after an action, say).</summary>
    protected async Task RefreshAsync()
    {
        try
        {
            await LoadAsync(_stopping.Token);
            Problem = null;
            UpdatedAt = Time.GetUtcNow();
        }
        catch (ServiceUnavailableException e)
        {
            Problem = e.Message;
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
        }
    }

    private async Task FollowAsync()
    {
        _timer = new PeriodicTimer(TimeSpan.FromSeconds(Options.Value.RefreshSeconds));
        try
        {
            while (await _timer.WaitForNextTickAsync(_stopping.Token))
            {
                await InvokeAsync(async () =>
                {
                    await RefreshAsync();
                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _timer?.Dispose();
        _stopping.Dispose();
        GC.SuppressFinalize(this);
    }
}
