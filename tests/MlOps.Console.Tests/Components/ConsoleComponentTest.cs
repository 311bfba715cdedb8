using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.FluentUI.AspNetCore.Components;
using MlOps.WebConsole.Clients;
using MlOps.WebConsole.Identity;

namespace MlOps.WebConsole.Tests.Components;

/// <summary>
/// A bUnit context with what the console's components are given: Fluent UI, a fake platform, the console's options
/// and a fixed clock, and a signed-in user judged by the console's own policies (not bUnit's stand-in for them).
/// </summary>
public abstract class ConsoleComponentTest : BunitContext
{
    public const string Alice = "alice@example.com";
    public const string Bob = "bob@example.com";
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly BunitAuthorizationContext _authorization;

    /// <param name="operators">Console:Operators; by default only <see cref="Alice"/> may act.</param>
    protected ConsoleComponentTest(string? operators = Alice)
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        var options = new ConsoleOptions { RefreshSeconds = 60, Operators = operators };
        Services.AddFluentUIComponents();
        Services.AddSingleton<PlatformClient>(Platform);
        Services.AddSingleton(Options.Create(options));
        Services.AddSingleton<TimeProvider>(new FixedClock(Now));
        _authorization = AddAuthorization();
        ConsoleUsers.Add(Services, options);
        Services.AddSingleton<IAuthorizationPolicyProvider, DefaultAuthorizationPolicyProvider>();
        Services.AddSingleton<IAuthorizationService, DefaultAuthorizationService>();
        SignIn(Alice);
    }

    internal FakePlatform Platform { get; } = new();

    /// <summary>Signs in as IAP names a user: by the <c>email</c> claim.</summary>
    protected void SignIn(string email) => _authorization.SetAuthorized(email).SetClaims(new Claim("email", email));

    protected void SignOut() => _authorization.SetNotAuthorized();

    /// <summary>Opens <paramref name="uri"/> (path and query), as a page rendered next is reached; its query feeds [SupplyParameterFromQuery].</summary>
    protected void Navigate(string uri) => Services.GetRequiredService<NavigationManager>().NavigateTo(uri);
}
