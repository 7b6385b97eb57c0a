using System.Globalization;
using Katas.Grader.Classroom;
using Katas.Grader.Commands;

namespace Katas.Grader.Tests;

public sealed class GradebookTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "katas-gradebook-" + Guid.NewGuid().ToString("N")[..8]);

    private string Results(string relative, int points, int maxPoints, params (string Id, int Points)[] exercises)
    {
        string path = Path.Combine(_dir, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string items = string.Join(",", exercises.Select(e =>
            $$"""{"id":"{{e.Id}}","title":"t","module":"01-m","status":"passed","points":{{e.Points}},"maxPoints":10,"message":"","durationMs":1}"""));
        File.WriteAllText(path, $$"""{"points":{{points}},"maxPoints":{{maxPoints}},"exercises":[{{items}}]}""");
        return path;
    }

    private static async Task<(int ExitCode, string Output, string Error)> Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exitCode = await GraderCli.RunAsync(args, output, error, TestContext.Current.CancellationToken);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public void A_student_is_the_folder_of_the_results_file()
    {
        string alice = Results("downloads/alice/results.json", 10, 20);
        string bob = Results("downloads/bob/katas-results/results.json", 0, 20);

        IReadOnlyDictionary<string, string> names = Gradebook.StudentNames([alice, bob]);

        names[alice].Should().Be("alice");
        names[bob].Should().Be("katas-results", "the rule is the file's own folder, whatever is above it");
    }

    [Fact]
    public void Files_in_the_common_folder_are_named_by_file_name()
    {
        string alice = Results("downloads/alice.json", 10, 20);
        string bob = Results("downloads/bob.json", 0, 20);

        IReadOnlyDictionary<string, string> names = Gradebook.StudentNames([alice, bob]);

        names[alice].Should().Be("alice", "alice.json sits in the folder all files share");
        names[bob].Should().Be("bob");
    }

    [Fact]
    public void Csv_has_a_row_per_student_sorted_and_a_column_per_exercise_in_numeric_order()
    {
        var csv = Gradebook.ToCsv(
        [
            new StudentResults("zoe", "z", 25, 45, new Dictionary<string, int> { ["1.10"] = 15, ["1.2"] = 10, ["1.1"] = 0 }),
            new StudentResults("Adam", "a", 10, 45, new Dictionary<string, int> { ["1.1"] = 10 }),
        ]);

        csv.Should().Be("student,1.1,1.2,1.10,total,max\r\nAdam,10,,,10,45\r\nzoe,0,10,15,25,45\r\n",
            "RFC 4180 ends lines with CRLF; ids sort numerically (1.10 after 1.2); a missing exercise is an empty cell");
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("Doe, Jane", "\"Doe, Jane\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    public void Fields_are_quoted_as_rfc_4180_says(string value, string expected)
    {
        Gradebook.Field(value).Should().Be(expected);
    }

    [Fact]
    public void Numbers_do_not_depend_on_the_culture()
    {
        CultureInfo saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("ar-SA");
            string csv = Gradebook.ToCsv([new StudentResults("a", "a", 1234, 5678, new Dictionary<string, int> { ["1.1"] = 1234 })]);
            csv.Should().EndWith("a,1234,1234,5678\r\n");
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public async Task A_corrupt_file_is_reported_and_skipped_and_the_exit_code_is_1()
    {
        Results("all/alice/results.json", 10, 20, ("1.1", 10), ("1.2", 0));
        string corrupt = Path.Combine(_dir, "all", "bob", "results.json");
        Directory.CreateDirectory(Path.GetDirectoryName(corrupt)!);
        File.WriteAllText(corrupt, "{ \"points\": ");
        string csvPath = Path.Combine(_dir, "gradebook.csv");

        (int exitCode, _, string error) = await Run("gradebook", Path.Combine(_dir, "all"), "--out", csvPath);

        exitCode.Should().Be(GraderCli.Failure, "a student missing from the gradebook must not go unnoticed");
        error.Should().Contain("warning: skipped").And.Contain("bob");
        File.ReadAllText(csvPath).Should().Be("student,1.1,1.2,total,max\r\nalice,10,0,10,20\r\n");
    }

    [Fact]
    public async Task Good_files_give_exit_code_0_and_the_csv_on_standard_output()
    {
        string alice = Results("x/alice.json", 10, 20, ("1.1", 10));
        string bob = Results("x/bob.json", 20, 20, ("1.1", 10));

        (int exitCode, string output, _) = await Run("gradebook", bob, alice);

        exitCode.Should().Be(GraderCli.Success);
        output.Should().Be("student,1.1,total,max\r\nalice,10,10,20\r\nbob,10,20,20\r\n");
    }

    [Fact]
    public async Task A_missing_file_is_a_usage_error()
    {
        (int exitCode, _, string error) = await Run("gradebook", Path.Combine(_dir, "nothing.json"));

        exitCode.Should().Be(GraderCli.Misuse);
        error.Should().StartWith("error: ");
    }

    public void Dispose()
    {
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}
