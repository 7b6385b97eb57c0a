namespace Katas.Parallelism.HiddenTests;

[HiddenTests("1.4")]
public sealed class ParallelStatisticsHiddenTests
{
    [KataFact]
    public void Uneven_parts_combine_to_the_summary_of_the_whole_in_any_grouping()
    {
        // Integers, so every sum is exact and the comparisons can be exact too.
        double[] values = Enumerable.Range(1, 1_000).Select(i => (double)((i * 37 % 1_001) - 500)).ToArray();
        Summary whole = SequentialFold(values);
        Summary[] parts = [.. new[] { (0, 1), (1, 3), (3, 997), (997, 1_000) }
            .Select(range => SequentialFold(values[range.Item1..range.Item2]))];

        Summary leftToRight = parts.Aggregate(Summary.Empty, Summary.Combine);
        Summary rightToLeft = Enumerable.Reverse(parts).Aggregate(Summary.Empty, (acc, part) => Summary.Combine(part, acc));
        Summary pairs = Summary.Combine(Summary.Combine(parts[0], parts[1]), Summary.Combine(parts[2], parts[3]));

        leftToRight.Should().Be(whole, "a part of 1 value and a part of 994 values weigh what their counts say");
        rightToLeft.Should().Be(whole, "Combine must be associative");
        pairs.Should().Be(whole, "Combine must be associative");
        ParallelStatistics.Summarize(values).Should().Be(whole);
    }

    [KataFact]
    public void The_mean_of_a_combined_summary_is_not_the_mean_of_the_means()
    {
        Summary one = ParallelStatistics.Summarize([1]);
        Summary nine = ParallelStatistics.Summarize([2, 3, 4, 5, 6, 7, 8, 9, 10]);

        Summary.Combine(one, nine).Mean.Should().Be(5.5,
            "the mean of 1..10 is 5.5; averaging the two partial means, (1 + 6) / 2, would give 3.5");
    }

    [KataFact]
    public void One_value_and_all_negative_values_are_summarized_exactly()
    {
        ParallelStatistics.Summarize([42.5]).Should().Be(new Summary(1, 42.5, 42.5, 42.5));

        double[] negatives = Enumerable.Range(1, 10_000).Select(i => (double)-i).ToArray();
        ParallelStatistics.Summarize(negatives).Should().Be(new Summary(10_000, -50_005_000, -10_000, -1),
            "the maximum of -1 ... -10,000 is -1: an Empty with Max = 0 would win every comparison");
    }

    [KataFact]
    public void NaN_makes_every_statistic_NaN_whatever_the_order()
    {
        Summary summary = ParallelStatistics.Summarize([1, double.NaN, 3]);

        summary.Count.Should().Be(3);
        summary.Sum.Should().Be(double.NaN);
        summary.Min.Should().Be(double.NaN, "documented: NaN wins, as with Math.Min");
        summary.Max.Should().Be(double.NaN, "documented: NaN wins, as with Math.Max");
        summary.Mean.Should().Be(double.NaN);
        Summary.Combine(Summary.Of(double.NaN), Summary.Of(1)).Should().Be(
            Summary.Combine(Summary.Of(1), Summary.Of(double.NaN)),
            "a comparison with NaN is always false, so `a < b ? a : b` keeps or loses the NaN depending on the order");
    }

    [KataFact]
    public void Infinities_are_ordinary_values()
    {
        ParallelStatistics.Summarize([1, double.PositiveInfinity]).Should().Be(
            new Summary(2, double.PositiveInfinity, 1, double.PositiveInfinity));
        ParallelStatistics.Summarize([double.NegativeInfinity, 0, double.PositiveInfinity]).Should().Be(
            new Summary(3, double.NaN, double.NegativeInfinity, double.PositiveInfinity),
            "+∞ + −∞ is NaN in IEEE 754 arithmetic, but the extremes are still well defined");
    }

    [KataFact]
    public void Empty_changes_nothing_even_next_to_infinities()
    {
        // double.MaxValue and double.MinValue look like identities for min and max, but an infinity is beyond them.
        Summary plusInfinity = Summary.Of(double.PositiveInfinity);
        Summary minusInfinity = Summary.Of(double.NegativeInfinity);

        Summary.Combine(Summary.Empty, plusInfinity).Should().Be(plusInfinity,
            "Empty.Min must not be below +∞: the identity of min is +∞ itself");
        Summary.Combine(minusInfinity, Summary.Empty).Should().Be(minusInfinity,
            "Empty.Max must not be above −∞: the identity of max is −∞ itself");
        Summary.Empty.Should().Be(new Summary(0, 0, double.PositiveInfinity, double.NegativeInfinity),
            "documented: the summary of no values has Min +∞ and Max −∞");
    }

    [KataFact]
    public void A_null_list_is_rejected()
    {
        FluentActions.Invoking(() => ParallelStatistics.Summarize(null!))
            .Should().Throw<ArgumentNullException>().WithParameterName("values");
    }

    [KataFact]
    public void The_mean_of_a_summary_of_no_values_is_NaN_whatever_its_sum_says()
    {
        // Mean is given: it must not divide by a count of 0, even for a summary built by hand.
        new Summary(0, 5.0, 1.0, 1.0).Mean.Should().Be(double.NaN);
        new Summary(2, 5.0, 1.0, 4.0).Mean.Should().Be(2.5);
    }

    /// <summary>The plain loop that Summarize parallelizes, built only from Empty, Of and Combine.</summary>
    private static Summary SequentialFold(IEnumerable<double> values)
    {
        Summary summary = Summary.Empty;
        foreach (double value in values)
        {
            summary = Summary.Combine(summary, Summary.Of(value));
        }

        return summary;
    }
}
