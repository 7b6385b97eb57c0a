using Katas.Grader.Building;

namespace Katas.Grader.Tests;

public sealed class BuildOutputParserTests
{
    [Fact]
    public void Compiler_and_tool_errors_are_parsed_once_each()
    {
        string[] lines =
        [
            "/k/exercises/01-x/Sum.cs(12,5): error CS1002: ; expected [/k/exercises/01-x/Katas.X.csproj]",
            "/k/exercises/01-x/Sum.cs(12,5): error CS1002: ; expected [/k/exercises/01-x/Katas.X.csproj]",
            "/k/grader/hidden/01-x/Katas.X.HiddenTests.csproj : error NU1101: Unable to find package Foo. [/k/grader/hidden/01-x/Katas.X.HiddenTests.csproj]",
            "MSBUILD : error MSB1009: Project file does not exist.",
            "/k/a.cs(3,1): warning CS0168: unused [/k/a.csproj]",
            "  Katas.X -> /k/artifacts/bin/Katas.X.dll",
        ];

        IReadOnlyList<CompilerError> errors = BuildOutputParser.Parse(lines);

        errors.Should().HaveCount(3, "duplicates and warnings are dropped");
        errors[0].Should().Be(new CompilerError("/k/exercises/01-x/Sum.cs", 12, 5, "CS1002", "; expected", "/k/exercises/01-x/Katas.X.csproj"));
        errors[1].Code.Should().Be("NU1101");
        errors[1].Project.Should().Be("/k/grader/hidden/01-x/Katas.X.HiddenTests.csproj");
        errors[2].Should().Be(new CompilerError("MSBUILD", 0, 0, "MSB1009", "Project file does not exist.", ""));
    }
}
