using System.Diagnostics;
using System.Globalization;

namespace MlOps.GitOps.Tests;

/// <summary>
/// Runs one step of a Cloud Build file the way Cloud Build would: its entrypoint and args after substitution, with
/// /workspace a temporary folder and a stand-in <c>gcloud</c> (and a <c>sleep</c> of 50 ms) on PATH.
/// The stand-in answers <c>run services describe</c> from key=value resources, applying <c>--flatten</c> and a
/// <c>value[separator=…](…)</c> projection the way gcloud does, so a script is judged on what it asks for.
/// </summary>
internal sealed class BuildStepSandbox : IDisposable
{
    private const string Gcloud = """
        #!/usr/bin/env bash
        set -euo pipefail
        echo "$*" >> "$STUB/calls.log"
        format=""; flatten=""
        for a in "$@"; do
          case "$a" in
            --format=*) format="${a#--format=}" ;;
            --flatten=*) flatten="${a#--flatten=}" ;;
          esac
        done
        case "$1 $2 $3" in
          "run services describe")
            service="$4"
            n=$(( $(cat "$STUB/$service.calls" 2>/dev/null || echo 0) + 1 )); echo "$n" > "$STUB/$service.calls"
            k=$n; while [ "$k" -gt 1 ] && [ ! -f "$STUB/$service.describe.$k" ]; do k=$((k - 1)); done
            resource="$STUB/$service.describe.$k"
            [ -f "$resource" ] || { echo "ERROR: service $service not found" >&2; exit 1; }
            sep=$'\t'
            if [[ "$format" =~ separator=\"([^\"]*)\" ]]; then sep="${BASH_REMATCH[1]}"; fi
            fields="${format#*(}"; fields="${fields%)}"
            IFS=',' read -r -a keys <<< "$fields"
            value() { awk -v k="$1" 'index($0, k "=") == 1 { print substr($0, length(k) + 2); exit }' "$resource"; }
            record() {
              local out="" first=1 key
              for key in "${keys[@]}"; do
                if [ -n "$flatten" ] && [[ "$key" == "$flatten".* ]]; then key="$flatten[$1].${key#"$flatten".}"; fi
                [ "$first" -eq 1 ] || out+="$sep"
                first=0
                out+="$(value "$key")"
              done
              printf '%s\n' "$out"
            }
            if [ -n "$flatten" ]; then
              i=0
              while awk -v p="$flatten[$i]." 'index($0, p) == 1 { found = 1 } END { exit !found }' "$resource"; do record "$i"; i=$((i + 1)); done
            else
              record ""
            fi
            ;;
          "artifacts docker images")
            digest="$(awk -v i="$5" '$1 == i { print $2 }' "$STUB/digests" 2>/dev/null)"
            [ -n "$digest" ] || { echo "ERROR: image $5 not found" >&2; exit 1; }
            echo "$digest"
            ;;
          "run services get-iam-policy")
            cat "$STUB/$4.iam" 2>/dev/null || true
            ;;
          "run services replace"|"run services add-iam-policy-binding"|"run services remove-iam-policy-binding"|"iap web add-iam-policy-binding")
            ;;
          *)
            echo "unexpected gcloud call: $*" >&2; exit 3
            ;;
        esac
        """;

    /// <summary>What Cloud Build's <c>$PROJECT_NUMBER</c> is in every step run here.</summary>
    public const string ProjectNumber = "104729305918";

    private readonly string root = Path.Combine(Path.GetTempPath(), "mlops-step-" + Guid.NewGuid().ToString("N"));

    public BuildStepSandbox()
    {
        Directory.CreateDirectory(Workspace);
        Directory.CreateDirectory(Stub);
        Executable("gcloud", Gcloud);
        Executable("sleep", "#!/usr/bin/env bash\ncommand -p sleep 0.05");
    }

    /// <summary>What the step sees as /workspace.</summary>
    public string Workspace => Path.Combine(root, "workspace");

    private string Stub => Path.Combine(root, "bin");

    public void WriteWorkspaceFile(string relative, string text)
    {
        var path = Path.Combine(Workspace, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>What the <paramref name="call"/>-th <c>gcloud run services describe</c> of a service returns (and every later one, until the next).</summary>
    public void Describe(string service, int call, int generation, int observed, string created, string ready, params (string Type, string Status, string Message)[] conditions)
    {
        var lines = new List<string>
        {
            $"metadata.generation={generation.ToString(CultureInfo.InvariantCulture)}",
            $"status.observedGeneration={observed.ToString(CultureInfo.InvariantCulture)}",
            $"status.latestCreatedRevisionName={created}",
            $"status.latestReadyRevisionName={ready}",
        };
        for (var i = 0; i < conditions.Length; i++)
        {
            lines.Add($"status.conditions[{i}].type={conditions[i].Type}");
            lines.Add($"status.conditions[{i}].status={conditions[i].Status}");
            lines.Add($"status.conditions[{i}].message={conditions[i].Message}");
        }

        File.WriteAllText(Path.Combine(Stub, $"{service}.describe.{call}"), string.Join('\n', lines) + "\n");
    }

    /// <summary>The digest <c>gcloud artifacts docker images describe</c> reports for an image reference.</summary>
    public void Digest(string image, string digest) => File.AppendAllText(Path.Combine(Stub, "digests"), $"{image} {digest}\n");

    /// <summary>The role and member lines <c>get-iam-policy --flatten=bindings[].members</c> prints for a service.</summary>
    public void IamPolicy(string service, params (string Role, string Member)[] bindings) =>
        File.WriteAllText(Path.Combine(Stub, $"{service}.iam"), string.Concat(bindings.Select(b => $"{b.Role}\t{b.Member}\n")));

    /// <summary>Runs the step with the file's declared defaults, PROJECT_ID and BRANCH_NAME, and <paramref name="substitutions"/> over them.</summary>
    public StepResult Run(CloudBuildFile file, string stepId, string project, IReadOnlyDictionary<string, string>? substitutions = null)
    {
        var values = new Dictionary<string, string>(file.Declared, StringComparer.Ordinal)
        {
            ["PROJECT_ID"] = project,
            ["PROJECT_NUMBER"] = ProjectNumber,
            ["BRANCH_NAME"] = "env/dev",
        };
        foreach (var (key, value) in substitutions ?? new Dictionary<string, string>())
        {
            values[key] = value;
        }

        var step = file.Step(stepId);
        var start = new ProcessStartInfo(CloudBuildFile.Entrypoint(step) ?? throw new InvalidOperationException($"{stepId} has no entrypoint"))
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Workspace,
        };
        foreach (var arg in file.Args(step))
        {
            start.ArgumentList.Add(CloudBuildFile.Substitute(arg, values).Replace("/workspace", Workspace, StringComparison.Ordinal));
        }

        start.Environment["PATH"] = $"{Stub}:{Environment.GetEnvironmentVariable("PATH")}";
        start.Environment["STUB"] = Stub;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the step");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"step {stepId} did not finish within 60 s");
        }

        var log = Path.Combine(Stub, "calls.log");
        var calls = File.Exists(log) ? File.ReadAllLines(log) : [];
        return new StepResult(process.ExitCode, output.Result, error.Result, calls);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Executable(string name, string script)
    {
        var path = Path.Combine(Stub, name);
        File.WriteAllText(path, script.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }
}
