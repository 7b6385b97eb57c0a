using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Katas.Grader.Commands;
using Katas.Grader.Grading;
using Katas.Grader.Isolation;
using Katas.Grader.Reporting;

namespace Katas.Grader.Tests;

/// <summary>
/// Proof that --isolate-network cuts the student's code off: the TEST opens a TCP listener on the host's
/// 127.0.0.1, and student code (exercise 1.1's solution, and a target in its project's build) tries to
/// connect to it (fixtures/grader/isolation/). Without isolation both connect; with it both are refused,
/// because the namespace has a loopback of its own where nothing listens. Only 127.0.0.1 is ever used.
/// </summary>
[Collection(GoldenCourse.Collection)]
public sealed class NetworkIsolationTests(GoldenCourse course)
{
    [Fact(Timeout = 900_000)]
    public async Task Student_code_reaches_a_host_loopback_listener_without_isolation_and_not_with_it()
    {
        string overlay = Path.Combine(course.RepositoryRoot, "fixtures", "grader", "isolation", "overlay");
        await course.Gate.WaitAsync(TestContext.Current.CancellationToken);
        var originals = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        try
        {
            foreach (string file in Directory.EnumerateFiles(overlay, "*", SearchOption.AllDirectories))
            {
                string target = Path.Combine(course.Root, Path.GetRelativePath(overlay, file));
                originals[target] = File.ReadAllBytes(target);
                // Written, not copied: a copy keeps the fixture's old timestamp and MSBuild would skip the build.
                File.WriteAllBytes(target, File.ReadAllBytes(file));
            }

            await ProbeAsync();
        }
        finally
        {
            Environment.SetEnvironmentVariable("KATAS_FIXTURE_NETWORK_PROBE_PORT", null);
            Environment.SetEnvironmentVariable("KATAS_FIXTURE_NETWORK_PROBE_BUILD_FILE", null);
            foreach ((string path, byte[] content) in originals)
            {
                File.WriteAllBytes(path, content);
            }

            course.Gate.Release();
        }
    }

    private async Task ProbeAsync()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        string port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        string buildProbe = Path.Combine(course.Root, "artifacts", "network-probe-build.txt");
        // The grader runs in this process, and its builds and test programs inherit its environment.
        Environment.SetEnvironmentVariable("KATAS_FIXTURE_NETWORK_PROBE_PORT", port);
        Environment.SetEnvironmentVariable("KATAS_FIXTURE_NETWORK_PROBE_BUILD_FILE", buildProbe);

        (JsonNode open, string openConsole) = await GradeAsync("open");
        ((string?)open["exercises"]![0]!["status"]).Should().Be("passed", $"without isolation the student's code reaches 127.0.0.1:{port}. Console:\n{openConsole}");
        open["isolation"].Should().BeNull("the JSON has an isolation field only when --isolate-network was asked for");
        (await File.ReadAllTextAsync(buildProbe, TestContext.Current.CancellationToken)).Trim().Should().Be("connected", "without isolation the build reaches the listener too");
        File.Delete(buildProbe);

        (JsonNode isolated, string isolatedConsole) = await GradeAsync("isolated", "--isolate-network");
        ((string?)isolated["isolation"]).Should().StartWith("network namespace (", $"this machine can make network namespaces (unshare). Console:\n{isolatedConsole}");
        isolatedConsole.Should().Contain("sandbox: pid and network namespaces (");
        JsonNode exercise = isolated["exercises"]![0]!;
        ((string?)exercise["status"]).Should().Be("failed", $"inside the namespace the host's listener cannot be reached. Console:\n{isolatedConsole}");
        ((string?)exercise["message"]).Should().Contain($"network probe: could not connect to 127.0.0.1:{port}");
        (await File.ReadAllTextAsync(buildProbe, TestContext.Current.CancellationToken)).Trim().Should().Be("refused", "the build runs inside the namespace too");
    }

    private async Task<(JsonNode Report, string Console)> GradeAsync(string name, params string[] extra)
    {
        string json = Path.Combine(course.Root, "artifacts", $"result-network-{name}.json");
        var output = new StringWriter();
        string[] args = ["--root", course.Root, "--solutions", "--exercise", "1.1", "--json", json, "--plain", "--test-timeout", "10", "--module-timeout", "120", .. extra];
        await GraderCli.RunAsync(args, output, output, TestContext.Current.CancellationToken);
        string console = output.ToString();
        File.Exists(json).Should().BeTrue($"the grader writes its JSON report. Console:\n{console}");
        return (JsonNode.Parse(await File.ReadAllTextAsync(json, TestContext.Current.CancellationToken))!, console);
    }
}

/// <summary>What the reports say about isolation, with or without a namespace.</summary>
public sealed class IsolationReportTests
{
    private static GradeReport Report(string? isolation) => new(
        "exercises",
        [new ExerciseResult("1.1", "Map", "01-parallelism", ExerciseStatus.Failed, 0, 10, "no", 1, [], [], "hint")],
        [],
        [],
        isolation);

    [Fact]
    public void No_namespace_is_said_in_the_json_and_the_markdown()
    {
        string reason = Sandbox.None("unshare -rn: exit code 1 (Operation not permitted)").Description;

        JsonNode json = JsonNode.Parse(JsonReportWriter.Serialize(Report(reason)))!;
        string markdown = MarkdownReportWriter.Render(Report(reason));

        ((string?)json["isolation"]).Should().Be("none: unshare -rn: exit code 1 (Operation not permitted)");
        markdown.Should().Contain("Network isolation: none: unshare -rn", "the job summary must say the code ran with the network on");
    }

    [Fact]
    public void Without_the_option_the_reports_say_nothing_about_isolation()
    {
        JsonReportWriter.Serialize(Report(null)).Should().NotContain("isolation");
        MarkdownReportWriter.Render(Report(null)).Should().NotContain("isolation");
    }

    [Fact]
    public void Apply_runs_the_command_through_the_namespace_only_when_active()
    {
        var startInfo = new System.Diagnostics.ProcessStartInfo("dotnet") { ArgumentList = { "build" } };

        Sandbox.None("not requested").Apply(startInfo);

        startInfo.FileName.Should().Be("dotnet");
        startInfo.ArgumentList.Should().Equal("build");
    }
}
