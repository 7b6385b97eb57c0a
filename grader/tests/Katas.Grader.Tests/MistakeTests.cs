using Katas.Grader.Discovery;
using Katas.Grader.Grading;
using Katas.Grader.Running;
using Katas.Grader.Verification;

namespace Katas.Grader.Tests;

/// <summary>How verify plans, reads and judges the mistakes under grader/mistakes/ (no build).</summary>
public sealed class MistakeTests
{
    private static Exercise Exercise(string id, params string[] buildsOn) =>
        new(id, "Title " + id, "01-m", 10, "hint", null, null) { BuildsOn = buildsOn };

    private static Mistake Mistake(string name, params string[] files) =>
        new(name[..name.IndexOf('-', StringComparison.Ordinal)], name, "01-m", "/nowhere/" + name, files.Length == 0 ? [name + ".cs"] : files, "belief");

    private static string[][] Names(IReadOnlyList<IReadOnlyList<Mistake>> rounds) => rounds.Select(r => r.Select(m => m.Name).ToArray()).ToArray();

    [Fact]
    public void Round_k_holds_the_k_th_mistake_of_every_exercise()
    {
        var exercises = new[] { Exercise("1.1"), Exercise("1.2"), Exercise("1.10") };
        var mistakes = new[] { Mistake("1.10-a"), Mistake("1.2-b"), Mistake("1.1-b"), Mistake("1.1-a"), Mistake("1.2-a"), Mistake("1.1-c") };

        Names(MistakeRounds.Plan(mistakes, exercises)).Should().BeEquivalentTo(
            new[] { new[] { "1.1-a", "1.2-a", "1.10-a" }, ["1.1-b", "1.2-b"], ["1.1-c"] },
            options => options.WithStrictOrdering(),
            "three builds test six mistakes: one per round and exercise, exercises in id order, mistakes in folder order");
    }

    [Fact]
    public void An_exercise_never_shares_a_round_with_one_it_builds_on_even_through_another()
    {
        var exercises = new[] { Exercise("1.7"), Exercise("1.8", "1.7"), Exercise("1.9", "1.8"), Exercise("1.2") };
        var mistakes = new[] { Mistake("1.7-a"), Mistake("1.8-a"), Mistake("1.9-a"), Mistake("1.2-a") };

        IReadOnlyList<IReadOnlyList<Mistake>> rounds = MistakeRounds.Plan(mistakes, exercises);

        rounds.Select(r => r.Select(m => m.ExerciseId).ToList()).Should().NotContain(ids => (ids.Contains("1.7") && ids.Contains("1.8")) || (ids.Contains("1.7") && ids.Contains("1.9")),
            "a mistake in 1.7 can fail the tests of 1.8, and through it those of 1.9");
        Names(rounds).Should().BeEquivalentTo(new[] { new[] { "1.2-a", "1.7-a" }, ["1.8-a"], ["1.9-a"] },
            options => options.WithStrictOrdering(),
            "1.9 builds on 1.8, which builds on 1.7: each needs its own build; 1.2 is unrelated and joins the first");
        rounds.SelectMany(r => r).Should().HaveCount(mistakes.Length, "every mistake is planned exactly once");
    }

    [Fact]
    public void Two_mistakes_that_replace_the_same_file_get_separate_builds()
    {
        var exercises = new[] { Exercise("1.8"), Exercise("1.9") };
        var mistakes = new[] { Mistake("1.8-a", "ForkJoinPool.cs"), Mistake("1.9-a", "ForkJoinPool.cs") };

        Names(MistakeRounds.Plan(mistakes, exercises)).Should().BeEquivalentTo(new[] { new[] { "1.8-a" }, ["1.9-a"] },
            options => options.WithStrictOrdering(),
            "one overlay tree holds one version of a file");
    }

    [Fact]
    public void A_mistake_that_passes_every_test_fails_its_check_and_one_that_fails_names_the_test()
    {
        Mistake mistake = Mistake("1.1-unordered");
        var passing = new ExerciseResult("1.1", "Map", "01-m", ExerciseStatus.Passed, 10, 10, "", 0,
            [new TestRecord("C", "Results_keep_the_input_order", "d", TestStatus.Passed, "", 1)], [], "hint");
        var failing = passing with
        {
            Status = ExerciseStatus.Failed,
            Points = 0,
            HiddenTests = [new TestRecord("H", "Order_survives_a_list_source", "d", TestStatus.Failed, "Expected ...", 1)],
        };

        VerifyCheck passed = ContractVerifier.Caught(new MistakeOutcome(mistake, passing));
        VerifyCheck caught = ContractVerifier.Caught(new MistakeOutcome(mistake, failing));
        VerifyCheck broken = ContractVerifier.Caught(new MistakeOutcome(mistake, passing with { Status = ExerciseStatus.CompileError, Message = "does not compile: CS1002" }));

        passed.Passed.Should().BeFalse("a test suite that passes a mistake checks the result, not the lesson");
        passed.Detail.Should().Contain("passes every visible and hidden test");
        caught.Passed.Should().BeTrue();
        caught.Detail.Should().StartWith("caught by hidden Order survives a list source (failed)", "verify names the test that catches the mistake");
        broken.Passed.Should().BeFalse("a mistake that does not compile proves nothing about the tests");
    }

    [Fact]
    public void Mistakes_are_read_from_their_folders_and_a_bad_layout_is_a_problem()
    {
        string root = Path.Combine(Path.GetTempPath(), "katas-mistakes-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "solutions", "01-m"));
            File.WriteAllText(Path.Combine(root, "solutions", "01-m", "Map.cs"), "class Map { }\n");
            Write(root, "1.1-unordered/Map.cs", "// Mistake: PLINQ keeps the order by itself.\nclass Map { }\n");
            Write(root, "1.1-no-marker/Map.cs", "class Map { }\n");
            Write(root, "1.1-new-file/Extra.cs", "// Mistake: something.\n");
            Write(root, "9.9-unknown/Map.cs", "// Mistake: something.\n");
            var module = new Module("01-m", 1, []);

            (IReadOnlyList<Mistake> mistakes, IReadOnlyList<MetadataProblem> problems) = MistakeDiscovery.Discover(root, [module], [Exercise("1.1")]);

            Mistake found = mistakes.Should().ContainSingle().Subject;
            found.Name.Should().Be("1.1-unordered");
            found.ExerciseId.Should().Be("1.1");
            found.Files.Should().Equal("Map.cs");
            found.Misconception.Should().Be("PLINQ keeps the order by itself.");
            problems.Select(p => p.Message).Should().SatisfyRespectively(
                p => p.Should().Contain("1.1-new-file/Extra.cs").And.Contain("no solutions/01-m/Extra.cs"),
                p => p.Should().Contain("1.1-no-marker/Map.cs").And.Contain("// Mistake:"),
                p => p.Should().Contain("9.9-unknown").And.Contain("<id>-<slug>"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_overlay_tree_is_the_solution_with_the_mistake_files_and_nothing_else()
    {
        string root = Path.Combine(Path.GetTempPath(), "katas-overlay-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            string solution = Path.Combine(root, "solution");
            string target = Path.Combine(root, "target");
            Directory.CreateDirectory(solution);
            Directory.CreateDirectory(target);
            File.WriteAllText(Path.Combine(solution, "A.cs"), "right A");
            File.WriteAllText(Path.Combine(solution, "B.cs"), "right B");
            File.WriteAllText(Path.Combine(target, "Stale.cs"), "left over from an older round");
            Directory.CreateDirectory(Path.Combine(root, "1.1-x"));
            File.WriteAllText(Path.Combine(root, "1.1-x", "A.cs"), "wrong A");
            var mistake = new Mistake("1.1", "1.1-x", "01-m", Path.Combine(root, "1.1-x"), ["A.cs"], "belief");

            MistakeRun.Overlay(solution, target, [mistake]);
            DateTime written = File.GetLastWriteTimeUtc(Path.Combine(target, "B.cs"));
            File.SetLastWriteTimeUtc(Path.Combine(target, "B.cs"), written.AddHours(-1));
            MistakeRun.Overlay(solution, target, []);

            File.ReadAllText(Path.Combine(target, "A.cs")).Should().Be("right A", "the next round puts the solution's file back");
            File.ReadAllText(Path.Combine(target, "B.cs")).Should().Be("right B");
            File.GetLastWriteTimeUtc(Path.Combine(target, "B.cs")).Should().Be(written.AddHours(-1), "an unchanged file is not rewritten, so it does not recompile");
            File.Exists(Path.Combine(target, "Stale.cs")).Should().BeFalse("a file the solution lacks does not stay in the tree");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Write(string root, string relative, string text)
    {
        string path = Path.Combine(root, "grader", "mistakes", "01-m", relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
