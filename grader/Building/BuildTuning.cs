namespace Katas.Grader.Building;

/// <summary>How a build differs from a grading build: the watch loop's rebuilds keep build servers warm.</summary>
/// <param name="SolutionName">Prefix of the generated solution file, so a watch loop and a grading run never write the same file.</param>
/// <param name="ExtraArguments">Arguments added to <c>dotnet build</c> (e.g. <c>-nodeReuse:true</c>).</param>
/// <param name="Environment">Variables set for the build (e.g. <c>MSBUILDDISABLENODEREUSE=0</c>).</param>
internal sealed record BuildTuning(string SolutionName, IReadOnlyList<string> ExtraArguments, IReadOnlyDictionary<string, string> Environment);
