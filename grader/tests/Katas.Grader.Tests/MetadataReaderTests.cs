using Katas.Grader.Discovery;

namespace Katas.Grader.Tests;

public sealed class MetadataReaderTests
{
    [Fact]
    public void Exercise_attribute_with_a_raw_string_hint_is_read()
    {
        const string source = """"
            namespace Katas.Parallelism.Tests;

            [Exercise("1.3", "Sum in parallel", Points = 15, Hint = """
                First line with "quotes".
                  Indented line.
                Docs: https://learn.microsoft.com/
                """)]
            public sealed class SumTests
            {
            }
            """";

        SourceMetadata metadata = MetadataReader.Read(source);

        ExerciseDeclaration exercise = metadata.Exercises.Should().ContainSingle().Subject;
        exercise.Id.Should().Be("1.3");
        exercise.Title.Should().Be("Sum in parallel");
        exercise.Points.Should().Be(15);
        exercise.Hint.Should().Be("First line with \"quotes\".\n  Indented line.\nDocs: https://learn.microsoft.com/".Replace("\n", Environment.NewLine, StringComparison.Ordinal),
            "a raw string literal loses the indentation of its closing quotes, as the compiler does");
        exercise.ClassName.Should().Be("Katas.Parallelism.Tests.SumTests");
        exercise.Line.Should().Be(8);
        metadata.Problems.Should().BeEmpty();
    }

    [Fact]
    public void Qualified_attribute_names_named_arguments_and_nested_classes_are_understood()
    {
        const string source = """"
            namespace Outer
            {
                namespace Inner
                {
                    public static class Holder
                    {
                        [Katas.Testing.ExerciseAttribute(title: "T" + "itle", id: "2.10", Hint = @"verbatim ""hint""", Points = 10)]
                        public sealed class Nested { }

                        [global::Katas.Testing.HiddenTests("2.10")]
                        public sealed class Hidden { }
                    }
                }
            }
            """";

        SourceMetadata metadata = MetadataReader.Read(source);

        ExerciseDeclaration exercise = metadata.Exercises.Should().ContainSingle().Subject;
        exercise.Id.Should().Be("2.10");
        exercise.Title.Should().Be("Title", "concatenated literals are joined");
        exercise.Hint.Should().Be("verbatim \"hint\"");
        exercise.ClassName.Should().Be("Outer.Inner.Holder+Nested", "nested types are written the way xunit reports them");
        metadata.HiddenTests.Should().ContainSingle().Which.Should().Be(new HiddenTestsDeclaration("2.10", "Outer.Inner.Holder+Hidden", 11));
    }

    [Fact]
    public void Arguments_that_are_not_literals_are_reported()
    {
        const string source = """
            [Exercise(Ids.First, "Title", Points = Constants.Ten)]
            public sealed class T { }
            """;

        SourceMetadata metadata = MetadataReader.Read(source);

        ExerciseDeclaration exercise = metadata.Exercises.Should().ContainSingle().Subject;
        exercise.Id.Should().BeNull();
        exercise.Points.Should().BeNull();
        exercise.Hint.Should().BeNull();
        metadata.Problems.Should().HaveCount(2).And.Contain(p => p.Contains("must be a string literal", StringComparison.Ordinal))
            .And.Contain(p => p.Contains("must be an integer literal", StringComparison.Ordinal));
    }

    [Fact]
    public void Source_that_does_not_compile_is_still_read()
    {
        const string source = """
            namespace Broken;
            [Exercise("1.1", "Still here", Points = 10, Hint = "h")]
            public sealed class T
            {
                public void M() { int x = ; this is not C# }
            """;

        MetadataReader.Read(source).Exercises.Should().ContainSingle().Which.Id.Should().Be("1.1");
    }

    [Theory]
    [InlineData("1.9", "1.10")]
    [InlineData("1.10", "2.1")]
    [InlineData("9.1", "10.1")]
    [InlineData("1.1", "1.1a")]
    public void Exercise_ids_sort_numerically(string first, string second)
    {
        ExerciseId.Parse(first).CompareTo(ExerciseId.Parse(second)).Should().BeNegative($"{first} comes before {second}");
        ExerciseId.Parse(second).CompareTo(ExerciseId.Parse(first)).Should().BePositive();
    }
}
