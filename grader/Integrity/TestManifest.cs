using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Katas.Grader.Discovery;

namespace Katas.Grader.Integrity;

/// <summary>One hashed test file: where it is, its hash and the exercises it holds (none: it serves the whole module).</summary>
internal sealed record ManifestFile(string Path, string Sha256, string Module, IReadOnlyList<string> Exercises);

/// <summary>An exercise as it was when the manifest was written, so a deleted test class is still reported.</summary>
internal sealed record ManifestExercise(string Id, string Title, string Module, int Points);

/// <summary>
/// <c>grader/test-hashes.json</c>: SHA-256 of every visible and hidden test file and test project file,
/// written by <c>hash-tests</c>. Line endings are normalized to LF before hashing, so a checkout with
/// CRLF line endings hashes the same.
/// </summary>
internal sealed record TestManifest(int Version, IReadOnlyList<ManifestExercise> Exercises, IReadOnlyList<ManifestFile> Files)
{
    public const string RelativePath = "grader/test-hashes.json";

    public static string PathIn(string root) => System.IO.Path.Combine(root, "grader", "test-hashes.json");

    /// <summary>Hashes the course as it is now.</summary>
    public static TestManifest Create(Course course)
    {
        var files = new List<ManifestFile>();
        foreach (Module module in course.Modules)
        {
            foreach (TestProject project in module.Projects)
            {
                foreach (string file in CourseDiscovery.ProjectFiles(project.Directory))
                {
                    var exercises = course.Exercises
                        .Where(e => e.Module == module.Name && (SameFile(e.VisibleClass?.FilePath, file) || SameFile(e.HiddenClass?.FilePath, file)))
                        .Select(e => e.Id)
                        .ToList();
                    files.Add(new ManifestFile(CourseDiscovery.Relative(course.Root, file), HashFile(file), module.Name, exercises));
                }
            }
        }

        files.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        var exercisesList = course.Exercises.Select(e => new ManifestExercise(e.Id, e.Title, e.Module, e.Points)).ToList();
        return new TestManifest(1, exercisesList, files);
    }

    /// <summary>Whether a file is one the manifest should cover when it appears in a test folder.</summary>
    public static bool IsCompiledInput(string path) =>
        path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".props", StringComparison.OrdinalIgnoreCase)
        || path.EndsWith(".targets", StringComparison.OrdinalIgnoreCase);

    private static bool SameFile(string? a, string b) => a is not null && string.Equals(System.IO.Path.GetFullPath(a), System.IO.Path.GetFullPath(b), StringComparison.Ordinal);

    /// <summary>SHA-256 (lowercase hex) of the file with every CRLF turned into LF.</summary>
    public static string HashFile(string path) => HashBytes(File.ReadAllBytes(path));

    public static string HashBytes(ReadOnlySpan<byte> content)
    {
        byte[] normalized = new byte[content.Length];
        int length = 0;
        for (int i = 0; i < content.Length; i++)
        {
            if (content[i] == (byte)'\r' && i + 1 < content.Length && content[i + 1] == (byte)'\n')
            {
                continue;
            }

            normalized[length++] = content[i];
        }

        return Convert.ToHexStringLower(SHA256.HashData(normalized.AsSpan(0, length)));
    }

    public string ToJson() => JsonSerializer.Serialize(this, ManifestJsonContext.Default.TestManifest).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";

    public static TestManifest? Load(string root)
    {
        string path = PathIn(root);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(File.ReadAllText(path), ManifestJsonContext.Default.TestManifest);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true)]
[JsonSerializable(typeof(TestManifest))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
