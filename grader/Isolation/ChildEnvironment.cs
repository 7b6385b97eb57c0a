using System.Diagnostics;

namespace Katas.Grader.Isolation;

/// <summary>
/// The environment a student's build or test program gets: only what the .NET SDK, MSBuild, NuGet and
/// the runtime need. No <c>GITHUB_*</c> or <c>ACTIONS_*</c> variables (so no job summary, step output or
/// token), no <c>RUNNER_*</c>, nothing that looks like a secret.
/// </summary>
internal static class ChildEnvironment
{
    private static readonly HashSet<string> s_names = new(
        ["PATH", "HOME", "USER", "LOGNAME", "SHELL", "TMPDIR", "TEMP", "TMP", "LANG", "LANGUAGE", "TZ", "TERM", "CI", "NO_COLOR", "UseSharedCompilation"],
        StringComparer.Ordinal);

    /// <summary>KATAS_FIXTURE_ variables carry test-harness settings of the grader's own tests (fixtures/grader/) to their fixture code.</summary>
    private static readonly string[] s_prefixes = ["LC_", "DOTNET_", "NUGET_", "MSBUILD", "COMPlus_", "KATAS_FIXTURE_"];

    private static readonly string[] s_secretWords = ["TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "APIKEY", "API_KEY", "PRIVATE"];

    /// <summary>True when a variable of this name may be passed to student code.</summary>
    public static bool Allowed(string name) =>
        (s_names.Contains(name) || s_prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)))
        && !s_secretWords.Any(w => name.Contains(w, StringComparison.OrdinalIgnoreCase));

    /// <summary>Removes every variable that is not <see cref="Allowed"/> from the start's environment.</summary>
    public static void Scrub(ProcessStartInfo startInfo)
    {
        foreach (string name in startInfo.Environment.Keys.Where(n => !Allowed(n)).ToList())
        {
            startInfo.Environment.Remove(name);
        }
    }
}
