using System.Collections;
using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

// The compiler's first use in a process costs seconds (loading and JIT-compiling Roslyn): it is paid
// once, before the first test, instead of inside one test's time limit.
[assembly: AssemblyFixture(typeof(Katas.Macros.Tests.CompilerWarmUp))]

namespace Katas.Macros.Tests;

/// <summary>Compiles and emits one small program before any test runs (see the assembly attribute above).</summary>
public sealed class CompilerWarmUp
{
    public CompilerWarmUp()
    {
        using var stream = new MemoryStream();
        Compiler.Compile("public static class WarmUp { public static int Answer => 42; }").Emit(stream);
    }
}

/// <summary>
/// The compiler, in memory: compiles C# against the .NET 10 reference assemblies (from a package, nothing
/// downloaded), runs a generator or an analyzer on it, and loads the result. Failures say what the compiler
/// or the generator said, so a broken generator fails its test with a reason instead of crashing the run.
/// </summary>
public static class Compiler
{
    // Interceptors are allowed only in the namespaces a project names (exercise 4.4 generates into one).
    public static readonly CSharpParseOptions ParseOptions = CSharpParseOptions.Default
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithFeatures([new("InterceptorsNamespaces", "Katas.Macros.Generated")]);

    /// <summary>A library compilation of <paramref name="sources"/> (file i is named Source{i}.cs).</summary>
    public static CSharpCompilation Compile(params string[] sources) =>
        CSharpCompilation.Create(
            "Kata" + Guid.NewGuid().ToString("N"),
            sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, ParseOptions, path: $"Source{i}.cs")),
            Net100.References.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    /// <summary>The errors of <paramref name="compilation"/>, one per line, with their positions; empty when none.</summary>
    public static string Errors(Compilation compilation, int max = 5) =>
        string.Join(Environment.NewLine, compilation.GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error)
            .Take(max)
            .Select(Describe));

    public static string Describe(Diagnostic diagnostic)
    {
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        string where = diagnostic.Location.IsInSource ? $"{span.Path}({span.StartLinePosition.Line + 1},{span.StartLinePosition.Character + 1})" : "";
        string line = diagnostic.Location.IsInSource ? " in: " + diagnostic.Location.SourceTree!.GetText().Lines[span.StartLinePosition.Line].ToString().Trim() : "";
        return $"{where}: {diagnostic.Id}: {diagnostic.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}{line}";
    }

    /// <summary>Emits and loads <paramref name="compilation"/>; fails with its first errors when it does not compile.</summary>
    public static Assembly Load(Compilation compilation)
    {
        using var stream = new MemoryStream();
        Microsoft.CodeAnalysis.Emit.EmitResult result = compilation.Emit(stream);
        result.Success.Should().BeTrue("the code must compile, but the compiler said:{0}{1}", Environment.NewLine, Errors(compilation));
        stream.Position = 0;
        return new AssemblyLoadContext(compilation.AssemblyName, isCollectible: true).LoadFromStream(stream);
    }

    /// <summary>Runs <paramref name="generator"/> on <paramref name="sources"/> and checks it ran cleanly and its output compiles.</summary>
    public static GeneratorRun Generate(IIncrementalGenerator generator, params string[] sources)
    {
        GeneratorRun run = GenerateUnchecked(generator, sources);
        run.ShouldHaveRunCleanly();
        return run;
    }

    /// <summary>Runs <paramref name="generator"/> on <paramref name="sources"/>, with step tracking on, checking nothing.</summary>
    public static GeneratorRun GenerateUnchecked(IIncrementalGenerator generator, params string[] sources)
    {
        CSharpCompilation compilation = Compile(sources);
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [generator.AsSourceGenerator()],
            parseOptions: ParseOptions,
            driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorRun(driver, compilation, output, diagnostics);
    }

    /// <summary>The diagnostics <paramref name="analyzer"/> reports on <paramref name="sources"/>, in source order.</summary>
    public static Task<ImmutableArray<Diagnostic>> AnalyzeAsync(DiagnosticAnalyzer analyzer, params string[] sources) =>
        AnalyzeAsync(analyzer, Compile(sources));

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(DiagnosticAnalyzer analyzer, Compilation compilation)
    {
        Exception? crash = null;
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, _, _) => crash ??= exception,
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        ImmutableArray<Diagnostic> diagnostics = await compilation.WithAnalyzers([analyzer], options).GetAnalyzerDiagnosticsAsync(TestContext.Current.CancellationToken);
        if (crash is not null)
        {
            throw new InvalidOperationException($"The analyzer threw {crash.GetType().Name}: {crash.Message}", crash);
        }

        return [.. diagnostics.OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start)];
    }

    /// <summary>The text a diagnostic's location covers, e.g. the type's name.</summary>
    public static string LocatedText(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);

    /// <summary>The source after applying <paramref name="fix"/>'s first action to diagnostic number <paramref name="index"/>.</summary>
    public static async Task<string> ApplyFixAsync(DiagnosticAnalyzer analyzer, CodeFixProvider fix, string source, int index = 0)
    {
        using var workspace = new AdhocWorkspace();
        Document document = CreateDocument(workspace, source);
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(analyzer, (await document.Project.GetCompilationAsync(TestContext.Current.CancellationToken))!);
        diagnostics.Length.Should().BeGreaterThan(index, "the analyzer must report the diagnostic the fix is for");
        CodeAction action = await FirstActionAsync(fix, document, diagnostics[index]);
        return await ApplyAsync(action, document);
    }

    /// <summary>The source after fixing every diagnostic of the document at once, with <paramref name="fix"/>'s Fix All.</summary>
    public static async Task<string> ApplyFixAllAsync(DiagnosticAnalyzer analyzer, CodeFixProvider fix, string source)
    {
        using var workspace = new AdhocWorkspace();
        Document document = CreateDocument(workspace, source);
        ImmutableArray<Diagnostic> diagnostics = await AnalyzeAsync(analyzer, (await document.Project.GetCompilationAsync(TestContext.Current.CancellationToken))!);
        diagnostics.Should().NotBeEmpty("the analyzer must report the diagnostics to fix");
        CodeAction first = await FirstActionAsync(fix, document, diagnostics[0]);
        FixAllProvider? fixAll = fix.GetFixAllProvider();
        fixAll.Should().NotBeNull("the code fix must offer Fix All");
        var context = new FixAllContext(document, fix, FixAllScope.Document, first.EquivalenceKey, fix.FixableDiagnosticIds, new KnownDiagnostics(diagnostics), TestContext.Current.CancellationToken);
        CodeAction? action = await fixAll!.GetFixAsync(context);
        action.Should().NotBeNull("Fix All must produce a change");
        return await ApplyAsync(action!, document);
    }

    private static Document CreateDocument(AdhocWorkspace workspace, string source)
    {
        var project = ProjectInfo.Create(
            ProjectId.CreateNewId(), VersionStamp.Create(), "Kata", "Kata", LanguageNames.CSharp,
            compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
            parseOptions: ParseOptions,
            metadataReferences: Net100.References.All);
        return workspace.AddProject(project).AddDocument("Source0.cs", SourceText.From(source));
    }

    private static async Task<CodeAction> FirstActionAsync(CodeFixProvider fix, Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), TestContext.Current.CancellationToken);
        await fix.RegisterCodeFixesAsync(context);
        actions.Should().NotBeEmpty("the code fix must offer an action for {0} at '{1}'", diagnostic.Id, LocatedText(diagnostic));
        return actions[0];
    }

    private static async Task<string> ApplyAsync(CodeAction action, Document document)
    {
        ImmutableArray<CodeActionOperation> operations = await action.GetOperationsAsync(TestContext.Current.CancellationToken);
        ApplyChangesOperation change = operations.OfType<ApplyChangesOperation>().Should().ContainSingle("a code fix changes the solution").Which;
        Document changed = change.ChangedSolution.GetDocument(document.Id)!;
        return (await changed.GetTextAsync(TestContext.Current.CancellationToken)).ToString();
    }

    /// <summary>Hands Fix All the diagnostics the analyzer reported.</summary>
    private sealed class KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics) : FixAllContext.DiagnosticProvider
    {
        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

        public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
        {
            SyntaxTree? tree = await document.GetSyntaxTreeAsync(cancellationToken);
            return diagnostics.Where(d => d.Location.SourceTree == tree);
        }

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>([]);
    }
}

/// <summary>Sources the tests share.</summary>
public static class TestSources
{
    /// <summary>The attributes of AttributeSources, for analyzer tests that run no generator to add them.</summary>
    public const string Attributes = """
        namespace Katas.Macros
        {
            [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Struct)]
            internal sealed class AutoEquatableAttribute : System.Attribute { }

            [System.AttributeUsage(System.AttributeTargets.Method)]
            internal sealed class MemoizeAttribute : System.Attribute { }

            [System.AttributeUsage(System.AttributeTargets.Class | System.AttributeTargets.Struct)]
            internal sealed class SerializeAttribute : System.Attribute { }
        }

        """;

    /// <summary>The [Serialize] types of 4.5, with a check against System.Text.Json.</summary>
    public const string Order = """
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using Katas.Macros;

        namespace Shop;

        [Serialize]
        public partial class Order
        {
            public int Id { get; set; }

            public string? Customer { get; set; }

            public decimal Total { get; set; }

            public bool Paid { get; set; }

            public double? Discount { get; set; }

            public Line[] Lines { get; set; } = [];

            public List<string> Tags { get; set; } = [];

            public Line? Main { get; set; }
        }

        [Serialize]
        public partial class Line
        {
            public string Sku { get; set; } = "";

            public int Count { get; set; }
        }

        public static class Same
        {
            // The generated JSON and System.Text.Json's, compared as JSON (escaping may differ, meaning may not).
            public static (string Fact, bool Holds) AsJson(string what, Order order)
            {
                string mine = order.ToJson();
                string reference = JsonSerializer.Serialize(order);
                bool same;
                try
                {
                    same = JsonNode.DeepEquals(JsonNode.Parse(mine), JsonNode.Parse(reference));
                }
                catch (JsonException)
                {
                    same = false;
                }

                return ($"{what}: ToJson() wrote {mine}, System.Text.Json writes {reference}", same);
            }
        }
        """;
}

/// <summary>One run of a generator: the driver (to run it again), the input and output compilations.</summary>
public sealed record GeneratorRun(GeneratorDriver Driver, Compilation Input, Compilation Output, ImmutableArray<Diagnostic> Diagnostics)
{
    public GeneratorDriverRunResult Result => Driver.GetRunResult();

    /// <summary>The generated files, by hint name.</summary>
    public IReadOnlyDictionary<string, string> Sources =>
        Result.Results.SelectMany(r => r.GeneratedSources).ToDictionary(s => s.HintName, s => s.SourceText.ToString(), StringComparer.Ordinal);

    /// <summary>Fails, readably, when the generator threw, reported an error, or its output does not compile.</summary>
    public void ShouldHaveRunCleanly()
    {
        foreach (GeneratorRunResult result in Result.Results)
        {
            // The exception's type and message, not its stack trace: the grader shows this line to the student.
            (result.Exception is null).Should().BeTrue("the generator must not throw, but it threw {0}: {1}", result.Exception?.GetType().Name, result.Exception?.Message);
        }

        Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Select(Compiler.Describe).Should().BeEmpty("the generator reported errors");
        string errors = Compiler.Errors(Output);
        errors.Should().BeEmpty("the code with the generated files must compile; generated: {0}{1}",
            string.Join(", ", Sources.Keys), Environment.NewLine);
    }

    /// <summary>The generated file whose hint name ends with <paramref name="suffix"/>.</summary>
    public string Generated(string suffix)
    {
        string[] names = [.. Sources.Keys.Where(k => k.EndsWith(suffix, StringComparison.Ordinal))];
        names.Should().ContainSingle("the generator must add one file named like *{0}; it added: {1}", suffix, string.Join(", ", Sources.Keys));
        return Sources[names[0]];
    }

    /// <summary>
    /// Loads the output and runs its <c>Checks.All()</c>, a method of the test's source that returns named
    /// facts about the generated code; the names of those that do not hold.
    /// </summary>
    public IReadOnlyList<string> FailedFacts()
    {
        Assembly assembly = Compiler.Load(Output);
        object facts = assembly.GetTypes().Single(t => t.Name == "Checks").GetMethod("All")!.Invoke(null, null)!;
        return [.. ((IEnumerable<(string Fact, bool Holds)>)facts).Where(f => !f.Holds).Select(f => f.Fact)];
    }

    /// <summary>Runs the same driver on the input with <paramref name="edit"/> applied to file <paramref name="file"/>.</summary>
    public GeneratorRun RunAgainAfter(int file, Func<string, string> edit)
    {
        SyntaxTree old = Input.SyntaxTrees.ElementAt(file);
        SyntaxTree edited = old.WithChangedText(SourceText.From(edit(old.GetText().ToString())));
        Compilation input = Input.ReplaceSyntaxTree(old, edited);
        GeneratorDriver driver = Driver.RunGeneratorsAndUpdateCompilation(input, out Compilation output, out ImmutableArray<Diagnostic> diagnostics);
        return new GeneratorRun(driver, input, output, diagnostics);
    }
}

/// <summary>What the incrementality tests read from the driver's tracked steps.</summary>
public static class Incremental
{
    public static IEnumerable<IncrementalStepRunReason> Reasons(IEnumerable<IncrementalGeneratorRunStep> steps) =>
        steps.SelectMany(s => s.Outputs).Select(o => o.Reason);

    /// <summary>The paths to every ISymbol, SyntaxNode, Compilation or SemanticModel reachable from <paramref name="value"/>'s fields.</summary>
    public static IEnumerable<string> RoslynObjectsIn(object? value, string path, int depth = 0)
    {
        if (value is null || depth > 6 || value is string || value.GetType().IsPrimitive || value.GetType().IsEnum)
        {
            yield break;
        }

        if (value is ISymbol or SyntaxNode or Compilation or SemanticModel or SyntaxTree)
        {
            yield return $"{path} ({value.GetType().Name})";
            yield break;
        }

        if (value is IEnumerable sequence)
        {
            int i = 0;
            foreach (object? item in sequence)
            {
                foreach (string found in RoslynObjectsIn(item, $"{path}[{i++}]", depth + 1))
                {
                    yield return found;
                }
            }

            yield break;
        }

        foreach (FieldInfo field in value.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
        {
            foreach (string found in RoslynObjectsIn(field.GetValue(value), $"{path}.{field.Name}", depth + 1))
            {
                yield return found;
            }
        }
    }
}
