using MlOps.GitOps.Tests.Containers;

namespace MlOps.GitOps.Tests.Prerequisites;

/// <summary>
/// scripts/install-prerequisites.sh reads the distribution from os-release and picks the packages for it; run here in
/// its dry-run mode with a made-up os-release, so it prints its plan and installs nothing.
/// </summary>
public sealed class InstallPrerequisitesTests : IDisposable
{
    private const string Packages = "packages: libgomp1 golang-go golang-google-cloud-dev postgresql chromium chromium-driver";
    private readonly TempDirectory _folder = new("mlops-os-release");

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nVERSION_ID=\"12\"\nID=debian\n", "distribution: debian 12 (debian package names)")]
    [InlineData("PRETTY_NAME=\"Debian GNU/Linux 13 (trixie)\"\nVERSION_ID=\"13\"\nID=debian\n", "distribution: debian 13 (debian package names)")]
    public void On_Debian_everything_comes_from_the_Debian_archive(string osRelease, string distribution)
    {
        var plan = Plan(osRelease);

        Assert.Equal(0, plan.ExitCode);
        Assert.Contains(distribution, plan.Output, StringComparison.Ordinal);
        Assert.Contains(Packages, plan.Output, StringComparison.Ordinal);
        Assert.Contains("chromium from: the debian archive", plan.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("add-apt-repository", plan.Output, StringComparison.Ordinal);
        Assert.EndsWith("would run: apt-get install -y -qq --no-install-recommends libgomp1 golang-go golang-google-cloud-dev postgresql chromium chromium-driver", plan.Output.TrimEnd(), StringComparison.Ordinal);
        Assert.Empty(plan.Error);
    }

    [Fact]
    public void On_Ubuntu_24_04_Chromium_comes_from_a_PPA_of_real_packages_instead_of_the_snap_stand_in()
    {
        var plan = Plan("PRETTY_NAME=\"Ubuntu 24.04.3 LTS\"\nNAME=\"Ubuntu\"\nVERSION_ID=\"24.04\"\nVERSION_CODENAME=noble\nID=ubuntu\nID_LIKE=debian\n");

        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("distribution: ubuntu 24.04 (ubuntu package names)", plan.Output, StringComparison.Ordinal);
        Assert.Contains(Packages, plan.Output, StringComparison.Ordinal);
        var lines = plan.Output.Split('\n');
        var pin = Array.FindIndex(lines, l => l.StartsWith("would write: /etc/apt/preferences.d/mlops-chromium", StringComparison.Ordinal));
        var ppa = Array.IndexOf(lines, "would run: add-apt-repository -y ppa:xtradeb/apps");
        var install = Array.FindIndex(lines, l => l.StartsWith("would run: apt-get install -y -qq --no-install-recommends libgomp1", StringComparison.Ordinal));
        Assert.True(pin >= 0 && pin < ppa && ppa < install, plan.Output);
        Assert.Empty(plan.Error);
    }

    [Fact]
    public void A_derivative_is_planned_by_its_family_with_a_warning()
    {
        var plan = Plan("NAME=\"Linux Mint\"\nVERSION_ID=\"22\"\nID=linuxmint\nID_LIKE=\"ubuntu debian\"\n");

        Assert.Equal(0, plan.ExitCode);
        Assert.Contains("distribution: linuxmint 22 (ubuntu package names)", plan.Output, StringComparison.Ordinal);
        Assert.Contains("warning: not checked on linuxmint 22", plan.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_distribution_is_refused_with_what_to_install_by_hand()
    {
        var plan = Plan("NAME=\"Fedora Linux\"\nVERSION_ID=41\nID=fedora\n");

        Assert.Equal(1, plan.ExitCode);
        Assert.Contains("Unsupported distribution 'fedora 41'", plan.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("would run", plan.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void On_this_machine_the_dry_run_plans_only_what_is_missing_and_nothing_once_all_is_there()
    {
        if (!File.Exists("/etc/os-release"))
        {
            return;
        }

        var plan = Plan(File.ReadAllText("/etc/os-release"), assumeMissing: false);

        Assert.Equal(0, plan.ExitCode);
        if (plan.Output.Contains("missing: none", StringComparison.Ordinal))
        {
            Assert.EndsWith("nothing to install", plan.Output.TrimEnd(), StringComparison.Ordinal);
            Assert.DoesNotContain("would run", plan.Output, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("would run: apt-get install", plan.Output, StringComparison.Ordinal);
        }
    }

    private ToolProcess Plan(string osRelease, bool assumeMissing = true)
    {
        var file = Path.Combine(_folder.Path, Guid.NewGuid().ToString("N"));
        File.WriteAllText(file, osRelease);
        string[] arguments = assumeMissing ? ["scripts/install-prerequisites.sh", "--dry-run", "--assume-missing"] : ["scripts/install-prerequisites.sh", "--dry-run"];
        return ToolProcess.Run("bash", arguments, new Dictionary<string, string> { ["MLOPS_OS_RELEASE"] = file });
    }
}
