using Bunit;
using MlOps.WebConsole.Clients;
using MlOps.WebConsole.Components.Shared;

namespace MlOps.WebConsole.Tests.Components;

/// <summary>With Console:Operators empty, every user the console admits may act.</summary>
public sealed class OpenConsoleTests() : ConsoleComponentTest(operators: null)
{
    [Fact]
    public void Without_an_operators_list_any_signed_in_user_may_act()
    {
        SignIn(Bob);
        var asked = new List<string>();

        var action = Render<ConfirmAction>(p => p
            .Add(x => x.Id, "retrain")
            .Add(x => x.Label, "Retrain")
            .Add(x => x.Description, "The Trainer trains a new version.")
            .Add(x => x.OnConfirm, reason =>
            {
                asked.Add(reason);
                return Task.FromResult(ActionOutcome.Done("requested"));
            }));
        action.Find("#retrain-start").Click();
        action.Find("#retrain-confirm").Click();

        Assert.Equal([$"{Bob} through the console"], asked);
    }

    [Fact]
    public void Nobody_signed_in_may_act_even_so()
    {
        SignOut();

        var action = Render<ConfirmAction>(p => p
            .Add(x => x.Id, "retrain")
            .Add(x => x.Label, "Retrain")
            .Add(x => x.Description, "The Trainer trains a new version.")
            .Add(x => x.OnConfirm, _ => throw new InvalidOperationException("nobody may retrain")));

        Assert.True(action.Find("#retrain-start").HasAttribute("disabled"));
    }
}
