using Katas.Grader.Discovery;
using Katas.Grader.Integrity;

namespace Katas.Grader.Grading;

/// <summary>Thrown for a bad command line: the message is the one line the user sees, and the exit code is 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>Which modules and exercises a run grades (--module, --exercise).</summary>
internal sealed record Selection(IReadOnlyList<Module> Modules, IReadOnlyList<Exercise> Exercises, IReadOnlyList<ManifestExercise> RemovedExercises)
{
    /// <summary>Resolves --module and --exercise against the course; unknown names are usage errors.</summary>
    public static Selection Resolve(Course course, TamperReport tamper, string? module, string? exercise)
    {
        IReadOnlyList<Module> modules = course.Modules;
        if (module is not null)
        {
            Module found = FindModule(course, module)
                ?? throw new UsageException($"unknown module '{module}': expected one of {string.Join(", ", course.Modules.Select(m => $"{m.Number} ({m.Name})"))}");
            modules = [found];
        }

        var names = modules.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var exercises = course.Exercises.Where(e => names.Contains(e.Module)).ToList();
        var removed = tamper.MissingExercises.Where(e => names.Contains(e.Module)).ToList();
        if (exercise is not null)
        {
            exercises = exercises.Where(e => e.Id == exercise).ToList();
            removed = removed.Where(e => e.Id == exercise).ToList();
            if (exercises.Count == 0 && removed.Count == 0)
            {
                string known = string.Join(", ", course.Exercises.Select(e => e.Id));
                throw new UsageException(module is null
                    ? $"unknown exercise '{exercise}': expected one of {known}"
                    : $"exercise '{exercise}' is not in module {modules[0].Name}");
            }

            var moduleNames = exercises.Select(e => e.Module).Concat(removed.Select(e => e.Module)).ToHashSet(StringComparer.Ordinal);
            modules = modules.Where(m => moduleNames.Contains(m.Name)).ToList();
        }

        return new Selection(modules, exercises, removed);
    }

    /// <summary>A module by number ("1"), folder name ("01-parallelism") or the name without its number ("parallelism").</summary>
    public static Module? FindModule(Course course, string text) =>
        course.Modules.FirstOrDefault(m => string.Equals(m.Name, text, StringComparison.OrdinalIgnoreCase))
        ?? (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int number)
            ? course.Modules.FirstOrDefault(m => m.Number == number)
            : course.Modules.FirstOrDefault(m => m.Name.EndsWith("-" + text, StringComparison.OrdinalIgnoreCase)));
}
