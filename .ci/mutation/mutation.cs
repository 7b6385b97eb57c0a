// The .NET side of .ci/mutation.sh: plans Stryker.NET runs for one module and reads their JSON reports.
// A file-based app (dotnet run .ci/mutation/mutation.cs -- COMMAND ...): the machine needs only the .NET SDK.
//
//   plan   ROOT MODULE OUT [CONCURRENCY]  writes OUT/<group>/stryker-config.json for every group of files and
//                                        prints one line per group: name, project folder, config, files (tab-separated)
//   report ROOT MODULE OUT SECONDS        prints the score per file and per module from OUT/*/report, lists the
//                                        survivors and writes OUT/summary.md (the README's table)
//   apply  REPORT_JSON MUTANT_ID          writes one mutant into its source file, to check a verdict by hand
//                                        (undo it with git checkout)
//
// A group is the files of one exercise (its [Exercise] StudentFiles, or the test file's name without "Tests"),
// mutated with the tests of that exercise only (its visible and hidden classes, and those of the exercises that
// name it in BuildsOn), selected with Stryker's test-case-filter on the test class names. Library files that
// belong to no exercise form the group "shared", tested by every test of the module.
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

return args.Length == 0 ? Usage() : args[0] switch
{
    "plan" when args.Length is 4 or 5 => Plan(args[1], args[2], args[3], args.Length == 5 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1),
    "report" when args.Length == 5 => Report(args[1], args[2], args[3], args[4]),
    "apply" when args.Length == 3 => Apply(args[1], args[2]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: mutation.cs plan ROOT MODULE OUT [CONCURRENCY] | report ROOT MODULE OUT SECONDS | apply REPORT_JSON MUTANT_ID");
    return 2;
}

static int Plan(string root, string module, string output, int concurrency)
{
    string library = Path.Combine(root, "solutions", module);
    string[] testProjects =
    [
        .. Directory.GetFiles(Path.Combine(root, "exercises", module, "Tests"), "*.Tests.csproj"),
        .. Directory.Exists(Path.Combine(root, "grader", "hidden", module))
            ? Directory.GetFiles(Path.Combine(root, "grader", "hidden", module), "*.HiddenTests.csproj")
            : [],
    ];
    List<ExerciseInfo> exercises = Discovery.Exercises(root, module);

    // Every library file (relative to the module folder, '/'-separated) and the exercises that claim it.
    var owners = new SortedDictionary<string, SortedSet<string>>(StringComparer.Ordinal);
    foreach (string file in Directory.EnumerateFiles(library, "*.cs", SearchOption.AllDirectories))
    {
        string relative = Path.GetRelativePath(library, file).Replace('\\', '/');
        if (!relative.Split('/').Any(part => part is "bin" or "obj"))
        {
            owners[relative] = new SortedSet<string>(StringComparer.Ordinal);
        }
    }

    foreach (ExerciseInfo exercise in exercises)
    {
        foreach (string file in exercise.Files.Where(owners.ContainsKey))
        {
            owners[file].Add(exercise.Id);
        }
    }

    // Files with the same owners and the same project are mutated in one Stryker run.
    var groups = owners
        .GroupBy(pair => (Project: Discovery.ProjectOf(library, pair.Key), Owners: string.Join(' ', pair.Value)))
        .OrderBy(group => group.Key.Owners.Length == 0 ? "~" : group.Key.Owners, StringComparer.Ordinal);
    var usedNames = new HashSet<string>(StringComparer.Ordinal);
    foreach (var group in groups)
    {
        if (group.Key.Project is null)
        {
            Console.Error.WriteLine($"warning: {string.Join(", ", group.Select(p => p.Key))}: no project under solutions/{module}, not mutated");
            continue;
        }

        string[] ownerIds = group.Key.Owners.Length == 0 ? [] : group.Key.Owners.Split(' ');
        // The tests of the owners and of every exercise that builds on one of them.
        string[] classes = [.. exercises
            .Where(e => ownerIds.Contains(e.Id) || e.BuildsOn.Any(ownerIds.Contains))
            .SelectMany(e => e.TestClasses)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
        string name = ownerIds.Length == 0 ? "shared" : string.Join('+', ownerIds);
        // The same owners in two projects (an analyzer and its code fix): one folder each.
        name = usedNames.Add(name) ? name : name + "-" + Path.GetFileNameWithoutExtension(group.Key.Project).Split('.')[^1];
        usedNames.Add(name);
        string projectDirectory = Path.GetDirectoryName(group.Key.Project)!;
        string[] files = [.. group.Select(pair => pair.Key)];

        var config = new JsonObject
        {
            ["project"] = Path.GetFileName(group.Key.Project),
            ["test-projects"] = new JsonArray([.. testProjects.Order(StringComparer.Ordinal).Select(p => JsonValue.Create(p))]),
            ["test-runner"] = "mtp",
            ["coverage-analysis"] = "off",
            ["mutation-level"] = "Standard",
            ["mutate"] = new JsonArray([.. files.Select(f => JsonValue.Create("**/" + Path.GetRelativePath(projectDirectory, Path.Combine(library, f)).Replace('\\', '/')))]),
            ["concurrency"] = concurrency,
            ["additional-timeout"] = 10000,
            ["reporters"] = new JsonArray("json", "html"),
            ["thresholds"] = new JsonObject { ["high"] = 80, ["low"] = 60, ["break"] = 0 },
        };
        if (classes.Length > 0)
        {
            config["test-case-filter"] = string.Join('|', classes.Select(c => "ClassName=" + c));
        }

        string directory = Path.Combine(output, name);
        Directory.CreateDirectory(directory);
        string configPath = Path.Combine(directory, "stryker-config.json");
        File.WriteAllText(configPath, new JsonObject { ["stryker-config"] = config }.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n");
        Console.WriteLine(string.Join('\t', name, projectDirectory, configPath, string.Join(' ', files)));
    }

    return 0;
}

static int Report(string root, string module, string output, string seconds)
{
    List<Equivalent> equivalents = Equivalent.Load(Path.Combine(root, ".ci", "mutation", "equivalent-mutants.tsv"));
    var rows = new List<FileRow>();
    var survivors = new List<string>();
    var timeouts = new List<string>();
    var equivalentUsed = new HashSet<Equivalent>();
    foreach (string group in Directory.GetDirectories(output).Order(StringComparer.Ordinal))
    {
        string reportPath = Path.Combine(group, "report", "reports", "mutation-report.json");
        if (!File.Exists(reportPath))
        {
            continue;
        }

        // A report holds every file of the project; the group's own are those its "mutate" patterns name.
        using JsonDocument config = JsonDocument.Parse(File.ReadAllText(Path.Combine(group, "stryker-config.json")));
        string[] mutated = [.. config.RootElement.GetProperty("stryker-config").GetProperty("mutate").EnumerateArray().Select(p => p.GetString()!["**/".Length..])];
        using JsonDocument report = JsonDocument.Parse(File.ReadAllText(reportPath));
        foreach (JsonProperty file in report.RootElement.GetProperty("files").EnumerateObject())
        {
            string relative = Path.GetRelativePath(Path.Combine(root, "solutions", module), file.Name).Replace('\\', '/');
            if (!mutated.Any(pattern => ("/" + file.Name.Replace('\\', '/')).EndsWith("/" + pattern, StringComparison.Ordinal)))
            {
                continue;
            }

            string[] lines = file.Value.GetProperty("source").GetString()!.Split('\n');
            var row = new FileRow(relative, Path.GetFileName(group));
            foreach (JsonElement mutant in file.Value.GetProperty("mutants").EnumerateArray())
            {
                string status = mutant.GetProperty("status").GetString()!;
                if (status == "Ignored")
                {
                    continue;
                }

                var found = Mutant.From(mutant, lines);
                Equivalent? equivalent = status is "Survived" or "NoCoverage"
                    ? equivalents.FirstOrDefault(e => e.Matches(module + "/" + relative, found))
                    : null;
                if (equivalent is not null)
                {
                    equivalentUsed.Add(equivalent);
                    row.Equivalent++;
                    continue;
                }

                switch (status)
                {
                    case "Killed": row.Killed++; break;
                    case "Timeout": row.Timeout++; break;
                    case "Survived": row.Survived++; break;
                    case "NoCoverage": row.NoCoverage++; break;
                    case "CompileError": row.CompileError++; break;
                    default: row.Other++; break;
                }

                if (status == "Timeout")
                {
                    timeouts.Add($"    timeout {relative}:{found.Line} #{found.Id} {found.Mutator}: {Short(found.Original)} -> {Short(found.Replacement)}");
                }

                if (status is "Survived" or "NoCoverage")
                {
                    survivors.Add($"    {status.ToLowerInvariant()} {relative}:{found.Line} #{found.Id}{(found.Static ? " (static)" : "")} {found.Mutator}: {Short(found.Original)} -> {Short(found.Replacement)}");
                }
            }

            rows.Add(row);
        }
    }

    if (rows.Count == 0)
    {
        Console.WriteLine($"{module}: no mutation report under {output}");
        return 1;
    }

    rows.Sort((a, b) => string.CompareOrdinal(a.File, b.File));
    Console.WriteLine($"{"file",-36} {"group",-8} {"score",6}  killed  timeout  survived  no-cov  equivalent  compile-error");
    foreach (FileRow row in rows)
    {
        Console.WriteLine($"{row.File,-36} {row.Group,-8} {row.ScoreText,6}  {row.Killed,6}  {row.Timeout,7}  {row.Survived,8}  {row.NoCoverage,6}  {row.Equivalent,10}  {row.CompileError,13}");
    }

    var total = new FileRow("total", "");
    foreach (FileRow row in rows)
    {
        total.Add(row);
    }

    foreach (string line in timeouts.Concat(survivors))
    {
        Console.WriteLine(line);
    }

    foreach (Equivalent unused in equivalents.Where(e => e.File.StartsWith(module + "/", StringComparison.Ordinal) && !equivalentUsed.Contains(e)))
    {
        Console.WriteLine($"    note: equivalent-mutants.tsv entry not matched by a survivor: {unused.File} {unused.Mutator} {Short(unused.Original)}");
    }

    Console.WriteLine($"{module}: mutation score {total.ScoreText} ({total.Detected} of {total.Detected + total.Undetected} mutants detected; "
        + $"{total.Equivalent} equivalent not counted, {total.CompileError} did not compile) in {seconds} s");

    var markdown = new StringBuilder();
    markdown.AppendLine("| File | Exercise | Killed | Timeout | Survived | Equivalent | Score |");
    markdown.AppendLine("| --- | --- | ---: | ---: | ---: | ---: | ---: |");
    foreach (FileRow row in rows.Append(total))
    {
        string name = row == total ? "**Module**" : "`" + row.File + "`";
        string score = row == total ? "**" + row.ScoreText + "**" : row.ScoreText;
        markdown.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {row.Group} | {row.Killed} | {row.Timeout} | {row.Survived + row.NoCoverage} | {row.Equivalent} | {score} |");
    }

    File.WriteAllText(Path.Combine(output, "summary.md"), markdown.ToString());
    return 0;
}

static int Apply(string reportPath, string id)
{
    using JsonDocument report = JsonDocument.Parse(File.ReadAllText(reportPath));
    foreach (JsonProperty file in report.RootElement.GetProperty("files").EnumerateObject())
    {
        string source = file.Value.GetProperty("source").GetString()!;
        foreach (JsonElement element in file.Value.GetProperty("mutants").EnumerateArray())
        {
            if (element.GetProperty("id").GetString() != id)
            {
                continue;
            }

            var mutant = Mutant.From(element, source.Split('\n'));
            if (File.ReadAllText(file.Name) != source)
            {
                Console.Error.WriteLine($"error: {file.Name} changed since the report was written; apply the mutant to the reported version");
                return 1;
            }

            int start = Mutant.Offset(source, mutant.Start);
            int end = Mutant.Offset(source, mutant.End);
            File.WriteAllText(file.Name, string.Concat(source.AsSpan(0, start), mutant.Replacement, source.AsSpan(end)));
            Console.WriteLine($"{file.Name}:{mutant.Line}: {mutant.Mutator} ({element.GetProperty("status").GetString()}): {Short(mutant.Original)} -> {Short(mutant.Replacement)}");
            return 0;
        }
    }

    Console.Error.WriteLine($"error: no mutant {id} in {reportPath}");
    return 1;
}

static string Short(string code)
{
    string flat = Regex.Replace(code, @"\s+", " ").Trim();
    return flat.Length <= 70 ? flat : flat[..67] + "...";
}

/// <summary>One exercise of the module as its test classes declare it.</summary>
internal sealed record ExerciseInfo(string Id, IReadOnlyList<string> Files, IReadOnlyList<string> BuildsOn, IReadOnlyList<string> TestClasses);

/// <summary>Reads the exercises from the test sources the way the grader does: [Exercise] on the visible class, [HiddenTests] on the hidden one.</summary>
internal static partial class Discovery
{
    public static List<ExerciseInfo> Exercises(string root, string module)
    {
        var visible = new List<(string Id, string Class, string File, string StudentFiles, string BuildsOn)>();
        var hidden = new List<(string Id, string Class)>();
        foreach (string file in Directory.GetFiles(Path.Combine(root, "exercises", module, "Tests"), "*.cs", SearchOption.AllDirectories))
        {
            string text = File.ReadAllText(file);
            foreach (Match match in ExerciseAttribute().Matches(text))
            {
                string attribute = AttributeText(text, match.Index);
                visible.Add((match.Groups["id"].Value, ClassAfter(text, match.Index + attribute.Length),
                    Path.GetFileNameWithoutExtension(file), Named(attribute, "StudentFiles"), Named(attribute, "BuildsOn")));
            }
        }

        string hiddenDirectory = Path.Combine(root, "grader", "hidden", module);
        foreach (string file in Directory.Exists(hiddenDirectory) ? Directory.GetFiles(hiddenDirectory, "*.cs", SearchOption.AllDirectories) : [])
        {
            string text = File.ReadAllText(file);
            foreach (Match match in HiddenAttribute().Matches(text))
            {
                hidden.Add((match.Groups["id"].Value, ClassAfter(text, match.Index + match.Length)));
            }
        }

        return [.. visible.Select(v => new ExerciseInfo(
            v.Id,
            v.StudentFiles.Length > 0
                ? Split(v.StudentFiles)
                : v.File.EndsWith("Tests", StringComparison.Ordinal) ? [v.File[..^"Tests".Length] + ".cs"] : [],
            Split(v.BuildsOn),
            [v.Class, .. hidden.Where(h => h.Id == v.Id).Select(h => h.Class)]))];
    }

    /// <summary>The project file of a library file: the nearest .csproj in its folder or above, within the module.</summary>
    public static string? ProjectOf(string library, string relativeFile)
    {
        string? directory = Path.GetDirectoryName(Path.Combine(library, relativeFile));
        while (directory is not null && directory.Length >= library.TrimEnd('/').Length)
        {
            string? project = Directory.GetFiles(directory, "*.csproj").Order(StringComparer.Ordinal).FirstOrDefault();
            if (project is not null)
            {
                return project;
            }

            directory = Path.GetDirectoryName(directory);
        }

        return null;
    }

    private static string[] Split(string list) => list.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The attribute from its '[' to the matching ']', skipping brackets inside string literals.</summary>
    private static string AttributeText(string text, int start)
    {
        int depth = 0;
        bool inString = false;
        for (int i = start; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '"')
            {
                inString = !inString;
            }
            else if (!inString && c == '[')
            {
                depth++;
            }
            else if (!inString && c == ']' && --depth == 0)
            {
                return text[start..(i + 1)];
            }
        }

        return text[start..];
    }

    private static string Named(string attribute, string name)
    {
        Match match = Regex.Match(attribute, name + @"\s*=\s*""(?<value>[^""]*)""");
        return match.Success ? match.Groups["value"].Value : "";
    }

    /// <summary>The full name (namespace.class) of the first class declared after <paramref name="index"/>.</summary>
    private static string ClassAfter(string text, int index)
    {
        Match declaration = ClassDeclaration().Match(text, index);
        Match space = Namespace().Match(text);
        string name = declaration.Groups["name"].Value;
        return space.Success ? space.Groups["name"].Value + "." + name : name;
    }

    [GeneratedRegex(@"^\[Exercise\(""(?<id>[0-9]+\.[0-9]+)""", RegexOptions.Multiline)]
    private static partial Regex ExerciseAttribute();

    [GeneratedRegex(@"^\[HiddenTests\(""(?<id>[0-9]+\.[0-9]+)""\)\]", RegexOptions.Multiline)]
    private static partial Regex HiddenAttribute();

    [GeneratedRegex(@"\bclass\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ClassDeclaration();

    [GeneratedRegex(@"^namespace\s+(?<name>[A-Za-z_][A-Za-z0-9_.]*)", RegexOptions.Multiline)]
    private static partial Regex Namespace();
}

/// <summary>A mutant as the JSON report describes it, with the code it replaces.</summary>
internal sealed record Mutant(string Id, string Mutator, string Original, string Replacement, (int Line, int Column) Start, (int Line, int Column) End, bool Static)
{
    public int Line => Start.Line;

    public static Mutant From(JsonElement mutant, string[] lines)
    {
        JsonElement location = mutant.GetProperty("location");
        (int, int) start = (location.GetProperty("start").GetProperty("line").GetInt32(), location.GetProperty("start").GetProperty("column").GetInt32());
        (int, int) end = (location.GetProperty("end").GetProperty("line").GetInt32(), location.GetProperty("end").GetProperty("column").GetInt32());
        return new Mutant(
            mutant.GetProperty("id").GetString()!,
            mutant.GetProperty("mutatorName").GetString()!,
            Text(lines, start, end),
            mutant.TryGetProperty("replacement", out JsonElement replacement) ? replacement.GetString() ?? "" : "",
            start,
            end,
            mutant.TryGetProperty("static", out JsonElement isStatic) && isStatic.GetBoolean());
    }

    /// <summary>The offset in <paramref name="source"/> of a 1-based line and column (the report's positions).</summary>
    public static int Offset(string source, (int Line, int Column) position)
    {
        int offset = 0;
        for (int line = 1; line < position.Line; line++)
        {
            offset = source.IndexOf('\n', offset) + 1;
        }

        return offset + position.Column - 1;
    }

    private static string Text(string[] lines, (int Line, int Column) start, (int Line, int Column) end)
    {
        if (start.Line == end.Line)
        {
            string line = lines[start.Line - 1];
            return line[Math.Min(start.Column - 1, line.Length)..Math.Min(end.Column - 1, line.Length)];
        }

        var text = new StringBuilder(lines[start.Line - 1][(start.Column - 1)..]);
        for (int i = start.Line; i < end.Line - 1; i++)
        {
            text.Append('\n').Append(lines[i]);
        }

        return text.Append('\n').Append(lines[end.Line - 1][..(end.Column - 1)]).ToString();
    }
}

/// <summary>
/// A surviving mutant that no test can kill, with the reason, from equivalent-mutants.tsv: file (module/path),
/// mutator, the original code and the replacement (whitespace runs read as one space), reason.
/// </summary>
internal sealed record Equivalent(string File, string Mutator, string Original, string Replacement, string Reason)
{
    public static List<Equivalent> Load(string path) => !System.IO.File.Exists(path) ? [] :
        [.. System.IO.File.ReadAllLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 5)
            .Select(fields => new Equivalent(fields[0], fields[1], fields[2], fields[3], fields[4]))];

    public bool Matches(string file, Mutant mutant) =>
        File == file && Mutator == mutant.Mutator && Flat(Original) == Flat(mutant.Original) && Flat(Replacement) == Flat(mutant.Replacement);

    private static string Flat(string code) => Regex.Replace(code, @"\s+", " ").Trim();
}

/// <summary>The mutant counts of one file.</summary>
internal sealed class FileRow(string file, string group)
{
    public string File { get; } = file;

    public string Group { get; } = group;

    public int Killed { get; set; }

    public int Timeout { get; set; }

    public int Survived { get; set; }

    public int NoCoverage { get; set; }

    public int Equivalent { get; set; }

    public int CompileError { get; set; }

    public int Other { get; set; }

    public int Detected => Killed + Timeout;

    public int Undetected => Survived + NoCoverage;

    /// <summary>Stryker's score: detected / (detected + undetected); equivalent and uncompilable mutants are not counted.</summary>
    public string ScoreText => Detected + Undetected == 0 ? "n/a" : (100.0 * Detected / (Detected + Undetected)).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    public void Add(FileRow other)
    {
        Killed += other.Killed;
        Timeout += other.Timeout;
        Survived += other.Survived;
        NoCoverage += other.NoCoverage;
        Equivalent += other.Equivalent;
        CompileError += other.CompileError;
        Other += other.Other;
    }
}
