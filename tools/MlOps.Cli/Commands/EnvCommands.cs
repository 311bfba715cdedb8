using System.CommandLine;
using MlOps.GitOps;
using MlOps.GitOps.Bootstrap;
using MlOps.GitOps.Diff;
using MlOps.GitOps.Loading;
using MlOps.GitOps.Pins;
using MlOps.GitOps.Rendering;

namespace MlOps.Cli.Commands;

/// <summary><c>mlops env</c>: render, validate, diff and bootstrap the GitOps environments in <c>environments/</c>.</summary>
internal static class EnvCommands
{
    private const int Invalid = 1;
    private const int BootstrapFailed = 2;

    public static Command Create(CliConsole console)
    {
        var folder = new Option<string?>("--environments") { Description = "The environments folder (default: environments/ in the current folder or the nearest one above)", Recursive = true };
        return new Command("env", "GitOps environments: render Cloud Run services, validate, diff a promotion, bootstrap a project")
        {
            folder, Render(console, folder), Validate(console, folder), Diff(console, folder), Bootstrap(console, folder), Pin(console, folder), RehearseCommand.Create(console, folder),
        };
    }

    private static Command Render(CliConsole console, Option<string?> folder)
    {
        var name = new Argument<string>("env") { Description = "Environment to render (dev, staging, prod, ...)" };
        var output = new Option<string?>("--out") { Description = "Folder to write <service>.yaml and environment.env into; prints the manifests when omitted" };
        var images = new Option<string?>("--images") { Description = "File of service=image@sha256:<digest> lines (what the deploy build resolved each tag to) to render instead of the tags" };
        var command = new Command("render", "Render one Cloud Run (Knative serving.knative.dev/v1) Service manifest per service")
        {
            name, output, images, CommandExtensions.Json,
        };
        return command.Handle(console, parse => Guard(console, () =>
        {
            var spec = EnvironmentLoader.LoadValid(Folder(parse, folder), parse.GetValue(name)!);
            if (parse.GetValue(images) is { } pins)
            {
                spec = ImagePins.Apply(spec, ImagePins.Parse(File.ReadAllText(pins), pins), pins);
            }

            var services = ServiceRenderer.Render(spec);
            var json = parse.GetValue(CommandExtensions.Json);
            if (parse.GetValue(output) is not { } target)
            {
                if (json)
                {
                    console.WriteJson(new { environment = spec.Name, spec.Project, spec.Region, manifests = services.ToDictionary(s => s.Name, KnativeManifest.ToYaml) });
                }
                else
                {
                    console.Out.Write(string.Join("---\n", services.Select(KnativeManifest.ToYaml)));
                }

                return 0;
            }

            Directory.CreateDirectory(target);
            var files = services.Select(s => Write(Path.Combine(target, $"{s.Name}.yaml"), KnativeManifest.ToYaml(s))).ToList();
            files.Add(Write(Path.Combine(target, DeployEnvironmentFile.FileName), DeployEnvironmentFile.Write(spec, services)));
            if (json)
            {
                console.WriteJson(new { environment = spec.Name, spec.Project, spec.Region, files });
            }
            else
            {
                files.ForEach(f => console.Ansi.WriteLine($"wrote {f}"));
            }

            return 0;
        }));
    }

    private static Command Validate(CliConsole console, Option<string?> folder)
    {
        var name = new Argument<string?>("env") { Description = "Environment to check; every environment when omitted", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("validate", "Check environments: unknown or missing keys, inline secrets, mutable images, public services, ranges")
        {
            name, CommandExtensions.Json,
        };
        return command.Handle(console, parse =>
        {
            var environments = Folder(parse, folder);
            var names = parse.GetValue(name) is { } one ? [one] : environments.Names();
            if (names.Count == 0)
            {
                throw new CliException($"{environments.Directory} has no environments: add <env>/{EnvironmentsFolder.FileName} next to base/");
            }

            var checks = names.Select(n => EnvironmentLoader.Check(environments, n)).ToList();
            if (parse.GetValue(CommandExtensions.Json))
            {
                console.WriteJson(checks.Select(c => new { environment = c.Name, valid = c.IsValid, problems = c.Problems.Select(p => new { p.File, p.Line, p.Key, p.Message }) }));
            }
            else
            {
                checks.ForEach(c => console.Ansi.WriteLine(c.IsValid ? $"{c.Name}: valid" : $"{c.Name}: {c.Problems.Count} problem(s)"));
            }

            foreach (var problem in checks.SelectMany(c => c.Problems).Distinct())
            {
                console.Error.WriteLine($"error: {problem}");
            }

            return checks.All(c => c.IsValid) ? 0 : Invalid;
        });
    }

    private static Command Diff(CliConsole console, Option<string?> folder)
    {
        var from = new Argument<string>("from") { Description = "Environment as it is (e.g. staging, read from --from-environments)" };
        var to = new Argument<string>("to") { Description = "Environment as it would be" };
        var fromFolder = new Option<string?>("--from-environments") { Description = "Read <from> from this environments folder, e.g. a checkout of the target branch" };
        var command = new Command("diff", "What a promotion would change, key by key per service: images, scaling, env vars")
        {
            from, to, fromFolder, CommandExtensions.Json,
        };
        return command.Handle(console, parse => Guard(console, () =>
        {
            var current = Folder(parse, folder);
            var before = EnvironmentLoader.LoadValid(parse.GetValue(fromFolder) is { } other ? new EnvironmentsFolder(other) : current, parse.GetValue(from)!);
            var after = EnvironmentLoader.LoadValid(current, parse.GetValue(to)!);
            var entries = EnvironmentDiff.Compare(before, after);
            if (parse.GetValue(CommandExtensions.Json))
            {
                console.WriteJson(new { from = before.Name, to = after.Name, changes = entries });
            }
            else
            {
                console.Out.Write(DiffText.Format(before.Name, after.Name, entries));
            }

            return 0;
        }));
    }

    private static Command Pin(CliConsole console, Option<string?> folder)
    {
        var name = new Argument<string>("env") { Description = "Environment whose pins.yaml records the version" };
        var model = new Argument<string>("model") { Description = "Model name" };
        var version = new Argument<int>("version") { Description = "The version the environment serves now" };
        var package = new Option<string>("--package") { Description = "The version's package, its path in the environment's artifact bucket as the registry gives it (packages/<model>/<run>)", Required = true };
        var deployment = new Option<string?>("--deployment") { Description = "The deployer's deployment this pin belongs to" };
        var command = new Command("pin", "Record the version a model serves in environments/<env>/pins.yaml (what a gitops rollout's deploy build runs)")
        {
            name, model, version, package, deployment,
        };
        return command.Handle(console, parse => Guard(console, () =>
        {
            var environments = Folder(parse, folder);
            var spec = EnvironmentLoader.LoadValid(environments, parse.GetValue(name)!);
            var pin = new ModelPin(parse.GetValue(model)!, parse.GetValue(version), parse.GetValue(package)!, parse.GetValue(deployment));
            var path = PinsFile.Record(environments.Directory, spec, pin);
            console.Out.WriteLine($"{spec.Name}: {pin.Model} v{pin.Version} pinned in {path}");
            return 0;
        }));
    }

    private static Command Bootstrap(CliConsole console, Option<string?> folder)
    {
        var name = new Argument<string>("env") { Description = "Environment to bootstrap" };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print every command as a bash script, headed by the APIs and each account's roles, instead of running it" };
        var command = new Command("bootstrap", "Create (idempotently) what an environment needs: APIs, bucket, service accounts and roles, topics, log sink, triggers")
        {
            name, dryRun, CommandExtensions.Json,
        };
        return command.Handle(console, parse => Guard(console, () =>
        {
            var plan = BootstrapPlanner.Plan(EnvironmentLoader.LoadValid(Folder(parse, folder), parse.GetValue(name)!));
            if (parse.GetValue(dryRun))
            {
                if (parse.GetValue(CommandExtensions.Json))
                {
                    console.WriteJson(new
                    {
                        plan.Environment,
                        plan.Project,
                        plan.Apis,
                        accounts = plan.Accounts.Select(a => new { account = a.Key, roles = a.Select(g => new { g.Role, on = g.Resource, g.Custom, g.Permissions }) }),
                        steps = plan.Steps.Select(s => new { s.Description, s.Guard, s.Command, shell = s.ToShell() }),
                    });
                }
                else
                {
                    console.Out.Write(plan.ToScript());
                }

                return 0;
            }

            if (!OnPath("gcloud"))
            {
                throw new CliException("gcloud is not on PATH: install the Google Cloud CLI, or print the commands with --dry-run");
            }

            if (BootstrapRunner.Run(plan, console.Out) is { } failed)
            {
                console.Error.WriteLine($"error: bootstrap stopped at '{failed.Description}'; fix it and run again (finished steps are skipped or repeat harmlessly)");
                return BootstrapFailed;
            }

            console.Ansi.WriteLine($"{plan.Environment}: bootstrapped {plan.Steps.Count} step(s) in {plan.Project}");
            return 0;
        }));
    }

    internal static EnvironmentsFolder Folder(ParseResult parse, Option<string?> folder) =>
        parse.GetValue(folder) is { } path ? new EnvironmentsFolder(path) : EnvironmentsFolder.Find(Directory.GetCurrentDirectory());

    /// <summary>An invalid environment prints every problem as its own <c>error:</c> line.</summary>
    private static int Guard(CliConsole console, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (EnvironmentException e)
        {
            foreach (var problem in e.Problems)
            {
                console.Error.WriteLine($"error: {problem}");
            }

            return Invalid;
        }
    }

    private static string Write(string path, string text)
    {
        File.WriteAllText(path, text);
        return path;
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, program)));
}
