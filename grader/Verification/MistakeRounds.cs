using Katas.Grader.Discovery;

namespace Katas.Grader.Verification;

/// <summary>
/// Plans which mistakes share a build. A build costs far more than a test run, so mistakes of different
/// exercises go into one overlay tree: round k holds the k-th mistake of every exercise. Two mistakes
/// never share a round when they belong to the same exercise, replace the same file, or belong to
/// exercises one of which builds on the other (directly or through others): a mistake in 1.8 can make
/// the tests of 1.9 fail, and would then pass off 1.9's mistake as caught.
/// </summary>
internal static class MistakeRounds
{
    public static IReadOnlyList<IReadOnlyList<Mistake>> Plan(IReadOnlyList<Mistake> mistakes, IReadOnlyList<Exercise> exercises)
    {
        Dictionary<string, HashSet<string>> related = Related(exercises);
        // Each exercise's mistakes in folder order, the exercises in id order: the plan is the same on every machine.
        var queues = mistakes
            .GroupBy(m => m.ExerciseId, StringComparer.Ordinal)
            .OrderBy(g => ExerciseId.Parse(g.Key))
            .Select(g => new Queue<Mistake>(g.OrderBy(m => m.Name, StringComparer.Ordinal)))
            .ToList();

        var rounds = new List<IReadOnlyList<Mistake>>();
        while (queues.Any(q => q.Count > 0))
        {
            var round = new List<Mistake>();
            foreach (Queue<Mistake> queue in queues.Where(q => q.Count > 0))
            {
                Mistake next = queue.Peek();
                if (!round.Any(placed => Conflict(placed, next, related)))
                {
                    round.Add(queue.Dequeue());
                }
            }

            rounds.Add(round);
        }

        return rounds;
    }

    private static bool Conflict(Mistake a, Mistake b, Dictionary<string, HashSet<string>> related) =>
        a.ExerciseId == b.ExerciseId
        || (a.Module == b.Module && a.Files.Intersect(b.Files, StringComparer.Ordinal).Any())
        || (related.TryGetValue(a.ExerciseId, out HashSet<string>? ofA) && ofA.Contains(b.ExerciseId))
        || (related.TryGetValue(b.ExerciseId, out HashSet<string>? ofB) && ofB.Contains(a.ExerciseId));

    /// <summary>For each exercise, every exercise it builds on, directly or through others.</summary>
    private static Dictionary<string, HashSet<string>> Related(IReadOnlyList<Exercise> exercises)
    {
        var direct = exercises.ToDictionary(e => e.Id, e => e.BuildsOn, StringComparer.Ordinal);
        var closure = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (Exercise exercise in exercises)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            var pending = new Stack<string>(exercise.BuildsOn);
            while (pending.TryPop(out string? id))
            {
                if (seen.Add(id) && direct.TryGetValue(id, out IReadOnlyList<string>? further))
                {
                    foreach (string next in further)
                    {
                        pending.Push(next);
                    }
                }
            }

            closure[exercise.Id] = seen;
        }

        return closure;
    }
}
