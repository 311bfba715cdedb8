using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using MlOps.WebConsole.Identity;

namespace MlOps.WebConsole.Tests.Identity;

public sealed class OperatorTests(IapRig rig) : IClassFixture<IapRig>
{
    [Fact]
    public async Task A_user_on_the_operators_list_may_act_and_another_may_not()
    {
        Assert.True(await MayActAsync(IapRig.Operator));
        Assert.False(await MayActAsync(IapRig.Viewer));
    }

    [Fact]
    public async Task The_page_offers_an_operator_the_action_and_shows_another_user_it_disabled()
    {
        var asOperator = await rig.Console.SendAsync("/models/trips", rig.Iap.Assertion(IapRig.Operator, IapRig.Audience));
        var asViewer = await rig.Console.SendAsync("/models/trips", rig.Iap.Assertion(IapRig.Viewer, IapRig.Audience));

        Assert.Equal((200, 200), (asOperator.Status, asViewer.Status));
        Assert.False(Html.Find(asOperator.Body, "#retrain-start")!.HasAttribute("disabled"));
        Assert.True(Html.Find(asViewer.Body, "#retrain-start")!.HasAttribute("disabled"));
        Assert.Equal("Only the console's operators may retrain.", Html.Find(asViewer.Body, "#retrain .empty")?.TextContent.Trim());
    }

    /// <summary>Signs the user in through the console's own IAP scheme, then asks its Operators policy.</summary>
    private async Task<bool> MayActAsync(string email)
    {
        await using var scope = rig.Console.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers[IapAuthenticationHandler.Header] = rig.Iap.Assertion(email, IapRig.Audience);
        var signedIn = await context.AuthenticateAsync(ConsoleUsers.Scheme).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(signedIn.Succeeded, signedIn.Failure?.Message);
        Assert.Equal(email, signedIn.Principal.Identity?.Name);
        Assert.Equal(email, ConsoleUsers.NameOf(signedIn.Principal));

        var authorization = scope.ServiceProvider.GetRequiredService<IAuthorizationService>();
        return (await authorization.AuthorizeAsync(signedIn.Principal, ConsoleUsers.Operators)).Succeeded;
    }
}
