namespace Katas.Parallelism.Tests;

[Exercise("1.4", "Reduce needs an associative combiner", Points = 10, Hint = """
    A parallel reduce cuts the list into parts of sizes you don't choose, summarizes each part, then combines
    the partial summaries in whatever grouping the workers finish in.
    Think about it: which fields can you combine without knowing how the list was split? Why is a mean not
    one of them? And which Min and Max change nothing when combined with any value, even an infinity?
    """, MoreHint = """
    PLINQ's Aggregate overload with four functions: a seed factory (one seed per worker), an update (fold one
    value in), a combine (merge two workers' results) and a result selector. Math.Min and Math.Max keep NaN;
    double.PositiveInfinity and double.NegativeInfinity are the identities of min and max.
    Docs: https://learn.microsoft.com/dotnet/api/system.linq.parallelenumerable.aggregate
    """, Recap = """
    A parallel reduce is right for every split only when the combiner is associative and has an identity
    (rayon's reduce(identity, op)). Carry count and sum, compute the mean at the end.
    """, Benchmark = "dotnet run -c Release --project exercises/01-parallelism/Benchmarks -- --filter '*ParallelStatistics*' --job short")]
public sealed class ParallelStatisticsTests
{
    // Sums of small integers and halves are exact in double arithmetic, so the checks below can demand
    // exact equality without any rounding tolerance.

    [KataFact]
    public void Combine_adds_counts_and_sums_and_keeps_the_extremes_in_any_grouping()
    {
        var a = new Summary(Count: 2, Sum: 3, Min: 1, Max: 2);
        var b = new Summary(Count: 1, Sum: -4, Min: -4, Max: -4);
        var c = new Summary(Count: 3, Sum: 12.5, Min: 0.5, Max: 8);
        var expected = new Summary(Count: 6, Sum: 11.5, Min: -4, Max: 8);

        Summary.Combine(Summary.Combine(a, b), c).Should().Be(expected,
            "Combine adds the counts and the sums and keeps the smallest Min and the largest Max");
        Summary.Combine(a, Summary.Combine(b, c)).Should().Be(expected,
            "Combine must be associative: grouping (a, b) first or (b, c) first gives the same summary");
    }

    [KataFact]
    public void Empty_is_the_identity_of_Combine()
    {
        var positive = new Summary(Count: 1, Sum: 5, Min: 5, Max: 5);
        var negative = new Summary(Count: 2, Sum: -3, Min: -2, Max: -1);

        Summary.Combine(Summary.Empty, positive).Should().Be(positive,
            "combining with Empty must change nothing: check Empty.Min, it must not be below any value");
        Summary.Combine(negative, Summary.Empty).Should().Be(negative,
            "combining with Empty must change nothing: check Empty.Max, it must not be above any value");
    }

    [KataFact]
    public void Summarize_agrees_with_a_sequential_computation()
    {
        var random = new Random(42);
        double[] values = Enumerable.Range(0, 100_000).Select(_ => (random.NextDouble() * 200) - 100).ToArray();

        Summary summary = ParallelStatistics.Summarize(values);

        summary.Count.Should().Be(values.Length);
        summary.Min.Should().Be(values.Min(), "the minimum does not depend on the grouping");
        summary.Max.Should().Be(values.Max(), "the maximum does not depend on the grouping");
        summary.Sum.Should().BeApproximately(values.Sum(), 1e-6,
            "a parallel sum adds the same numbers in another grouping: only the rounding may differ");
        summary.Mean.Should().BeApproximately(values.Average(), 1e-10);
    }

    [KataFact]
    public void Summarize_folds_the_values_on_several_threads_at_once()
    {
        // PLINQ reads an IList by index from every worker at once; a fold on one thread reads it on one thread.
        using var probe = new ConcurrencyProbe();
        var values = new WatchedList<double>(Enumerable.Range(1, 10_000).Select(i => (double)i).ToArray(), probe.Arrive);

        Summary summary = ParallelStatistics.Summarize(values);

        summary.Should().Be(new Summary(Count: 10_000, Sum: 50_005_000, Min: 1, Max: 10_000));
        probe.SawConcurrency.Should().BeTrue(
            "Summarize must fold parts of the list on several workers at the same time (a parallel query), not "
            + "walk the list on one thread");
    }

    [KataFact]
    public void An_empty_list_has_count_zero_and_a_NaN_mean()
    {
        Summary summary = ParallelStatistics.Summarize([]);

        summary.Should().Be(Summary.Empty, "the summary of no values is Empty");
        summary.Count.Should().Be(0);
        summary.Mean.Should().Be(double.NaN, "the mean of no values is undefined");
    }
}
