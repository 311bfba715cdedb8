using Bunit;
using MlOps.Contracts.Api;
using MlOps.WebConsole.Components.Pages;

namespace MlOps.WebConsole.Tests.Components;

public sealed class TrainingPageTests : ConsoleComponentTest
{
    [Fact]
    public void A_failed_run_lists_all_of_its_thousand_validation_errors_under_their_count()
    {
        var failed = Samples.Run(TrainingRunOutcome.Failed, errors: Samples.Errors(1000));
        Platform.Runs.Add(failed);

        var page = Render<Training>();

        var row = page.Find($"#run-{failed.RequestId}");
        Assert.Equal("failed", row.GetAttribute("data-outcome"));
        var detail = page.Find($"[data-run-errors='{failed.RequestId}']");
        Assert.Equal("row 1, column 'payment_type': 'bitcoin' is not one of the allowed values", detail.QuerySelector("p.error")!.TextContent);
        Assert.Equal("1,000 errors", detail.QuerySelector("summary")!.TextContent);
        var listed = detail.QuerySelectorAll("ol.errors li").Select(li => li.TextContent).ToList();
        Assert.Equal(failed.Errors, listed);
        Assert.Equal($"Validation errors of run {failed.RequestId}", detail.QuerySelector("ol.errors")!.GetAttribute("aria-label"));
    }

    [Fact]
    public void A_registry_failure_that_found_more_errors_than_it_kept_gives_the_full_count_and_lists_the_kept_ones()
    {
        Platform.Models.Add(Samples.Summary());
        var failure = new FailureView(Guid.NewGuid(), "drift", 25_000, Samples.Errors(1000), Samples.At);
        Platform.Failures[Samples.Model] = [failure];

        var page = Render<Training>();

        var card = page.Find($"[data-failure='{failure.RequestId}']");
        Assert.Equal("trips · drift · 2026-12-01 11:00:00 UTC", card.QuerySelector("h3")!.TextContent);
        Assert.Equal("25,000 errors (the first 1,000 kept)", card.QuerySelector("summary")!.TextContent);
        Assert.Equal(1000, card.QuerySelectorAll("ol.errors li").Length);
        Assert.Empty(page.FindAll("#no-failures"));
        Assert.Equal("No training run has finished yet.", page.Find("#no-runs").TextContent);
    }

    [Fact]
    public void A_trained_run_has_no_error_detail_and_links_the_version_it_made()
    {
        var trained = Samples.Run(TrainingRunOutcome.Trained, version: 3);
        Platform.Runs.Add(trained);

        var page = Render<Training>();

        var row = page.Find($"#run-{trained.RequestId}");
        Assert.Equal("/models/trips/versions/3", row.QuerySelector("a[href*='/versions/']")!.GetAttribute("href"));
        Assert.Empty(page.FindAll("[data-run-errors]"));
        Assert.Equal("No training request has failed.", page.Find("#no-failures").TextContent);
    }
}
