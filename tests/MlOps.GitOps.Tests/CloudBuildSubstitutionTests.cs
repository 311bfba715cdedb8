using MlOps.GitOps.Validation;

namespace MlOps.GitOps.Tests;

/// <summary>
/// Cloud Build's default substitutionOption, MUST_MATCH, fails a build when a passed user substitution (_X) is not used
/// by the file, or the file uses one that is neither declared nor passed; $$ is an escaped dollar, and the built-ins
/// (PROJECT_ID, BRANCH_NAME, SHORT_SHA, …, and _PR_NUMBER and friends on pull requests) need no declaration.
/// </summary>
public sealed class CloudBuildSubstitutionTests
{
    public static TheoryData<string, string> Triggers()
    {
        var data = new TheoryData<string, string>();
        foreach (var trigger in PlannedTrigger.All())
        {
            data.Add(trigger.Environment, trigger.Name);
        }

        return data;
    }

    public static TheoryData<string> Files() => new(CloudBuildFile.All);

    [Theory]
    [MemberData(nameof(Triggers))]
    public void Every_trigger_bootstrap_creates_passes_only_what_its_build_file_uses_and_the_file_declares_the_rest(string environment, string trigger)
    {
        var planned = PlannedTrigger.Find(environment, trigger);

        var problems = CloudBuildFile.Load(planned.BuildConfig).MustMatchProblems(planned.Substitutions);

        Assert.True(problems.Count == 0, $"{trigger} ({environment}) → {planned.BuildConfig}:\n{string.Join("\n", problems)}");
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_build_file_passes_MUST_MATCH_when_submitted_with_no_substitutions(string file) =>
        Assert.Empty(CloudBuildFile.Load(file).MustMatchProblems([]));

    [Fact]
    public void Every_build_file_is_the_config_of_a_trigger_bootstrap_creates()
    {
        // The retraining trigger exists only where a drift-watcher names one, which no environment of the repository does.
        using var environments = new TempEnvironments();
        environments.Set("dev", $"services/drift-watcher/settings/{RetrainingTrigger.TriggerKey}", "mlops-retrain-dev");

        Assert.Equal(CloudBuildFile.All, PlannedTrigger.All(environments.Folder).Select(t => t.BuildConfig).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_rule_refuses_a_passed_substitution_the_file_never_uses()
    {
        var deploy = CloudBuildFile.Load("cloudbuild-deploy.yaml");

        var problems = deploy.MustMatchProblems(["_REGION", "_GITHUB_REPO"]);

        Assert.Equal(["passed _REGION: the file never uses it", "passed _GITHUB_REPO: the file never uses it"], problems);
    }

    [Fact]
    public void The_rule_refuses_an_undeclared_substitution_and_an_unescaped_shell_variable_but_not_an_escaped_one()
    {
        var file = CloudBuildFile.Parse("""
            substitutions:
              _DECLARED: x
            steps:
              - id: one
                name: $_DECLARED
                entrypoint: bash
                args: [-c, 'echo ${_MISSING} $PROJECT_ID $$HOME $HOME $$_ESCAPED $_PR_NUMBER']
            """);

        var problems = file.MustMatchProblems([]);

        Assert.Equal(["$HOME: not a built-in substitution (a shell variable is written $$HOME)", "$_MISSING: used but neither declared under substitutions: nor passed"], problems);
        Assert.Equal(["$HOME: not a built-in substitution (a shell variable is written $$HOME)"], file.MustMatchProblems(["_MISSING"]));
    }

    [Fact]
    public void Substituting_turns_double_dollars_into_one_and_names_into_their_values()
    {
        var text = CloudBuildFile.Substitute("$$(date) ${_A}-$_A $PROJECT_ID $${x#y}", new Dictionary<string, string> { ["_A"] = "a", ["PROJECT_ID"] = "p" });

        Assert.Equal("$(date) a-a p ${x#y}", text);
    }
}
