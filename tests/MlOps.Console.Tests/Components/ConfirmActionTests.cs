using Bunit;
using MlOps.WebConsole.Clients;
using MlOps.WebConsole.Components.Shared;

namespace MlOps.WebConsole.Tests.Components;

public sealed class ConfirmActionTests : ConsoleComponentTest
{
    private readonly List<string> _asked = [];
    private readonly List<ActionOutcome> _done = [];
    private Func<string, Task<ActionOutcome>> _action;

    public ConfirmActionTests() => _action = reason =>
    {
        _asked.Add(reason);
        return Task.FromResult(ActionOutcome.Done("Version 2 of trips is rolled back"));
    };

    [Fact]
    public void A_user_who_is_not_an_operator_sees_the_button_disabled_and_cannot_act()
    {
        SignIn(Bob);

        var action = Draw();

        var start = action.Find("#act-start");
        Assert.True(start.HasAttribute("disabled"));
        Assert.False(start.HasAttribute("title"), "a title on fluent-button becomes its accessible name, hiding its visible label");
        Assert.Equal("Only the console's operators may roll back.", action.Find(".empty").TextContent.Trim());
        start.Click();
        Assert.Empty(action.FindAll("#act-confirm"));
        Assert.Empty(_asked);
    }

    [Fact]
    public void An_operators_confirmation_acts_with_a_reason_naming_them_and_shows_the_outcome()
    {
        var action = Draw();
        Assert.False(action.Find("#act-start").HasAttribute("disabled"));

        action.Find("#act-start").Click();
        Assert.Equal("Roll back? The Deployer takes v2 out of traffic.", action.Find("#act-question").TextContent);
        action.Find("#act-reason").Input("  canary errors  ");
        action.Find("#act-confirm").Click();

        Assert.Equal([$"{Alice} through the console: canary errors"], _asked);
        var outcome = action.Find("#act-outcome");
        Assert.Equal("Version 2 of trips is rolled back", outcome.TextContent);
        Assert.Contains("good", outcome.ClassList);
        Assert.Equal([ActionOutcome.Done("Version 2 of trips is rolled back")], _done);
        Assert.Empty(action.FindAll("#act-confirm"));
    }

    [Fact]
    public void Without_words_of_their_own_the_reason_still_names_the_operator()
    {
        var action = Draw();

        action.Find("#act-start").Click();
        action.Find("#act-confirm").Click();

        Assert.Equal([$"{Alice} through the console"], _asked);
    }

    [Fact]
    public void A_failed_outcome_shows_its_message_as_a_failure()
    {
        _action = _ => Task.FromResult(ActionOutcome.Failed("nothing was rolled back: HTTP 409 — no rollout of trips to roll back"));
        var action = Draw();

        action.Find("#act-start").Click();
        action.Find("#act-confirm").Click();

        var outcome = action.Find("#act-outcome");
        Assert.Equal("nothing was rolled back: HTTP 409 — no rollout of trips to roll back", outcome.TextContent);
        Assert.Contains("bad", outcome.ClassList);
        Assert.False(Assert.Single(_done).Succeeded);
    }

    [Fact]
    public void A_service_that_does_not_answer_is_a_failed_outcome_naming_it()
    {
        _action = _ => throw new ServiceUnavailableException(PlatformClient.Deployer, "connection refused");
        var action = Draw();

        action.Find("#act-start").Click();
        action.Find("#act-confirm").Click();

        Assert.Equal("deployer: connection refused", action.Find("#act-outcome").TextContent);
        Assert.Contains("bad", action.Find("#act-outcome").ClassList);
        Assert.False(action.Find("#act-start").HasAttribute("disabled"));
    }

    [Fact]
    public void Cancel_does_nothing()
    {
        var action = Draw();

        action.Find("#act-start").Click();
        action.Find("#act-reason").Input("second thoughts");
        action.Find("#act-cancel").Click();

        Assert.Empty(_asked);
        Assert.Empty(_done);
        Assert.Empty(action.FindAll("#act-confirm"));
        Assert.Equal("", action.Find("#act-outcome").TextContent);
        Assert.False(action.Find("#act-start").HasAttribute("disabled"));
    }

    [Fact]
    public void Operators_are_matched_ignoring_case_as_google_compares_emails()
    {
        SignIn("Alice@Example.COM");

        var action = Draw();

        Assert.False(action.Find("#act-start").HasAttribute("disabled"));
    }

    private IRenderedComponent<ConfirmAction> Draw() => Render<ConfirmAction>(p => p
        .Add(x => x.Id, "act")
        .Add(x => x.Label, "Roll back")
        .Add(x => x.Description, "The Deployer takes v2 out of traffic.")
        .Add(x => x.OnConfirm, reason => _action(reason))
        .Add(x => x.Done, outcome => _done.Add(outcome)));
}
