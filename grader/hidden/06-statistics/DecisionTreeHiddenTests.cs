using System.Text.RegularExpressions;
using Katas.Statistics.Tests;

namespace Katas.Statistics.HiddenTests;

[HiddenTests("6.11")]
public sealed class DecisionTreeHiddenTests
{
    [KataFact]
    public void The_threshold_is_the_midpoint_between_neighbouring_values()
    {
        DecisionTree tree = DecisionTree.Fit([[1.0], [1.0], [3.0], [3.0]], [0, 0, 1, 1], maxDepth: 1, minSamplesLeaf: 1);

        tree.Root.Threshold.Should().Be(2, "halfway between 1 and 3, as scikit-learn");
        tree.Predict([1.9]).Should().Be(0, "1.9 is nearer the 1s");
        tree.Predict([2.1]).Should().Be(1, "2.1 is nearer the 3s");
        tree.Predict([1.5]).Should().Be(0, "a threshold at the lower value (1) would send 1.5 right");
    }

    [KataFact]
    public void Depth_0_and_pure_data_give_a_single_leaf_with_the_majority()
    {
        DecisionTree stump = DecisionTree.Fit([[1.0], [2.0], [3.0], [4.0], [5.0]], [2, 1, 2, 1, 0], maxDepth: 0, minSamplesLeaf: 1);
        DecisionTree pure = DecisionTree.Fit([[1.0], [2.0], [3.0]], [1, 1, 1], maxDepth: 5, minSamplesLeaf: 1);

        stump.Root.IsLeaf.Should().BeTrue();
        stump.Predict([9.0]).Should().Be(1, "1 and 2 appear twice each: the tie goes to the smallest label");
        stump.Depth.Should().Be(0);
        pure.Leaves.Should().ContainSingle("a pure node is never split");
    }

    [KataFact]
    public void Equal_values_are_never_split_apart_and_small_nodes_stay_leaves()
    {
        DecisionTree tree = DecisionTree.Fit([[1.0], [1.0], [1.0], [2.0]], [0, 1, 0, 1], maxDepth: 3, minSamplesLeaf: 1);
        DecisionTree small = DecisionTree.Fit([[1.0], [2.0], [3.0], [4.0], [5.0]], [0, 0, 1, 1, 1], maxDepth: 3, minSamplesLeaf: 3);

        tree.Root.Threshold.Should().Be(1.5, "the only boundary between distinct values");
        tree.Root.Left!.IsLeaf.Should().BeTrue("three equal values cannot be separated, whatever their labels");
        small.Root.IsLeaf.Should().BeTrue("5 rows cannot make two leaves of at least 3");
    }

    [KataFact]
    public void Bad_input_gets_a_clear_error()
    {
        FluentActions.Invoking(() => DecisionTree.Fit([], [], 3, 1)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => DecisionTree.Fit([[1.0], [2.0]], [0], 3, 1)).Should().Throw<ArgumentException>("two rows, one label");
        FluentActions.Invoking(() => DecisionTree.Fit([[1.0], [double.NaN]], [0, 1], 3, 1)).Should().Throw<ArgumentException>("a NaN has no place in an ordering");
        FluentActions.Invoking(() => DecisionTree.Fit([[1.0, 2.0], [3.0]], [0, 1], 3, 1)).Should().Throw<ArgumentException>("rows of different lengths");
        FluentActions.Invoking(() => DecisionTree.Fit([[1.0], [2.0]], [0, 1], 3, 0)).Should().Throw<ArgumentOutOfRangeException>("a leaf holds at least one row");
        FluentActions.Invoking(() => DecisionTree.Fit([[1.0], [2.0]], [0, -1], 3, 1)).Should().Throw<ArgumentException>("classes are numbered from 0");
        DecisionTree tree = DecisionTree.Fit([[0.0, 1.0], [0.0, 2.0]], [0, 1], 3, 1);
        FluentActions.Invoking(() => tree.Predict([0.0])).Should().Throw<ArgumentException>("the tree splits on feature 1");
        FluentActions.Invoking(() => FastTreeBaseline.Accuracy([[1.0], [2.0]], [0, 2], [[1.0]], [0], 1, 2, 1, 0)).Should().Throw<ArgumentException>("a binary classifier takes labels 0 and 1");
    }

    [KataFact(Timeout = 60_000)]
    public void FastTree_is_reproducible_with_a_seed()
    {
        (double[][] trainX, int[] trainY, double[][] testX, int[] testY) = Reference.Split("breast-cancer.csv");

        double first = FastTreeBaseline.Accuracy(trainX, trainY, testX, testY, 5, 4, 5, seed: 1);
        double again = FastTreeBaseline.Accuracy(trainX, trainY, testX, testY, 5, 4, 5, seed: 1);

        again.Should().Be(first, "a seeded MLContext and one thread give the same model every time");
    }

    [KataFact]
    public void Gini_of_no_labels_is_0_and_of_two_classes_one_half()
    {
        DecisionTree.Gini([]).Should().Be(0, "an empty node is pure: it has nothing to mix");
        DecisionTree.Gini([1, 0]).Should().Be(0.5);
        DecisionTree.Gini([2, 2, 2]).Should().Be(0);
        FluentActions.Invoking(() => DecisionTree.Gini(null!)).Should().Throw<ArgumentNullException>().WithParameterName("labels");
    }

    [KataFact]
    public void Ties_between_splits_go_to_the_lowest_feature_then_the_lowest_threshold()
    {
        // 1.5 and 3.5 both leave one pure child of one row and a child of three (weighted Gini 4/3).
        DecisionTree tree = DecisionTree.Fit([[1.0], [2.0], [3.0], [4.0]], [0, 1, 1, 0], maxDepth: 1, minSamplesLeaf: 1);
        DecisionTree twins = DecisionTree.Fit([[1.0, 1.0], [2.0, 2.0], [3.0, 3.0], [4.0, 4.0]], [0, 0, 1, 1], maxDepth: 1, minSamplesLeaf: 1);

        tree.Root.Threshold.Should().Be(1.5, "the lowest of two equally good thresholds");
        twins.Root.Feature.Should().Be(0, "two identical features split equally well: the lower index wins");
        twins.Root.Threshold.Should().Be(2.5);
    }

    [KataFact]
    public void The_depth_limit_holds_at_every_level_and_Depth_is_the_longest_path()
    {
        double[][] x = [[1.0], [2.0], [3.0], [4.0]];
        int[] y = [0, 1, 1, 0];

        DecisionTree shallow = DecisionTree.Fit(x, y, maxDepth: 1, minSamplesLeaf: 1);
        DecisionTree deep = DecisionTree.Fit(x, y, maxDepth: 5, minSamplesLeaf: 1);

        shallow.Depth.Should().Be(1);
        shallow.Leaves.Should().HaveCount(2);
        deep.Depth.Should().Be(2, "1.5 splits off the first 0, then 3.5 the last: the left branch stops at depth 1, the right at 2");
        deep.Leaves.Select(l => l.SampleCount).Should().Equal([1, 2, 1]);
        deep.Leaves.Should().OnlyContain(l => l.Feature == -1 && double.IsNaN(l.Threshold) && l.Impurity == 0, "a leaf has feature −1 and a NaN threshold");
        x.Select(deep.Predict).Should().Equal(y, "pure leaves reproduce the training labels");
    }

    [KataFact]
    public void A_node_of_twice_the_minimum_can_still_split_and_rows_on_the_threshold_go_left()
    {
        DecisionTree tree = DecisionTree.Fit([[1.0], [2.0], [3.0], [4.0]], [0, 0, 1, 1], maxDepth: 3, minSamplesLeaf: 2);

        tree.Root.IsLeaf.Should().BeFalse("4 rows make two leaves of exactly 2");
        tree.Root.Threshold.Should().Be(2.5);
        tree.Predict([2.5]).Should().Be(0, "x ≤ threshold goes left");

        // Neighbouring doubles: the midpoint rounds to the lower one, and that row must still go left, alone.
        double next = Math.BitIncrement(1.0);
        DecisionTree close = DecisionTree.Fit([[1.0], [next]], [0, 1], maxDepth: 1, minSamplesLeaf: 1);
        close.Root.Left!.SampleCount.Should().Be(1, "the row on the threshold goes left");
        close.Root.Right!.SampleCount.Should().Be(1, "and only the rows above it go right");
        close.Predict([1.0]).Should().Be(0);
        close.Predict([next]).Should().Be(1);
    }

    [KataFact]
    public void Every_bad_argument_names_its_parameter()
    {
        double[][] x = [[1.0], [2.0]];
        int[] y = [0, 1];
        DecisionTree tree = DecisionTree.Fit(x, y, 1, 1);

        FluentActions.Invoking(() => DecisionTree.Fit(null!, y, 1, 1)).Should().Throw<ArgumentNullException>().WithParameterName("x");
        FluentActions.Invoking(() => DecisionTree.Fit(x, null!, 1, 1)).Should().Throw<ArgumentNullException>().WithParameterName("y");
        FluentActions.Invoking(() => DecisionTree.Fit(x, y, -1, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("maxDepth");
        FluentActions.Invoking(() => DecisionTree.Fit(x, y, 1, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("minSamplesLeaf");
        FluentActions.Invoking(() => DecisionTree.Fit([], [], 1, 1)).Should().Throw<ArgumentException>().WithParameterName("x").WithMessage("*row*");
        FluentActions.Invoking(() => DecisionTree.Fit(x, [0], 1, 1)).Should().Throw<ArgumentException>().WithParameterName("y").WithMessage("*label*");
        FluentActions.Invoking(() => DecisionTree.Fit([[1.0, 2.0], [3.0, 4.0], [5.0, 6.0, 7.0]], [0, 1, 0], 1, 1))
            .Should().Throw<ArgumentException>().WithParameterName("x")
            .Where(e => Regex.IsMatch(e.Message, @"\b3\b") && Regex.IsMatch(e.Message, @"\b2\b"), "the message gives the row's 3 features and the 2 of row 0");
        FluentActions.Invoking(() => DecisionTree.Fit([[1.0], null!], y, 1, 1)).Should().Throw<ArgumentException>("a missing row is a row of the wrong length").WithParameterName("x");
        FluentActions.Invoking(() => DecisionTree.Fit([[1.0], [double.NaN]], y, 1, 1)).Should().Throw<ArgumentException>().WithParameterName("x").WithMessage("*NaN*");
        FluentActions.Invoking(() => DecisionTree.Fit(x, [0, -1], 1, 1)).Should().Throw<ArgumentException>().WithParameterName("y").WithMessage("*label*");
        FluentActions.Invoking(() => tree.Predict(null!)).Should().Throw<ArgumentNullException>().WithParameterName("row");
        FluentActions.Invoking(() => tree.Predict([1.0, 2.0])).Should().Throw<ArgumentException>().WithParameterName("row").WithMessage("*features*");
    }

    [KataFact]
    public void FastTree_checks_its_arguments_before_training()
    {
        double[][] x = [[1.0], [2.0]];
        int[] y = [0, 1];

        FluentActions.Invoking(() => FastTreeBaseline.Accuracy(null!, y, x, y, 1, 2, 1, 0)).Should().Throw<ArgumentNullException>().WithParameterName("trainX");
        FluentActions.Invoking(() => FastTreeBaseline.Accuracy(x, null!, x, y, 1, 2, 1, 0)).Should().Throw<ArgumentNullException>().WithParameterName("trainY");
        FluentActions.Invoking(() => FastTreeBaseline.Accuracy(x, y, null!, y, 1, 2, 1, 0)).Should().Throw<ArgumentNullException>().WithParameterName("testX");
        FluentActions.Invoking(() => FastTreeBaseline.Accuracy(x, y, x, null!, 1, 2, 1, 0)).Should().Throw<ArgumentNullException>().WithParameterName("testY");
        FluentActions.Invoking(() => FastTreeBaseline.Accuracy(x, y, x, y, 0, 2, 1, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("numberOfTrees");
        FluentActions.Invoking(() => FastTreeBaseline.Accuracy(x, y, x, y, 1, 1, 1, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("numberOfLeaves");
        FluentActions.Invoking(() => FastTreeBaseline.Accuracy(x, y, x, y, 1, 2, 0, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("minimumExampleCountPerLeaf");
        FluentActions.Invoking(() => FastTreeBaseline.Accuracy(x, [0], x, y, 1, 2, 1, 0)).Should().Throw<ArgumentException>().WithParameterName("trainX").WithMessage("*label*");
        FluentActions.Invoking(() => FastTreeBaseline.Accuracy([], [], x, y, 1, 2, 1, 0)).Should().Throw<ArgumentException>().WithParameterName("trainX");
        FluentActions.Invoking(() => FastTreeBaseline.Accuracy(x, [0, 2], x, y, 1, 2, 1, 0)).Should().Throw<ArgumentException>().WithParameterName("trainX").WithMessage("*label*");
        FluentActions.Invoking(() => FastTreeBaseline.Accuracy([[1.0], [2.0, 3.0]], y, x, y, 1, 2, 1, 0)).Should().Throw<ArgumentException>().WithParameterName("trainX").WithMessage("*features*");
        FluentActions.Invoking(() => FastTreeBaseline.Accuracy(x, y, [[1.0, 2.0]], [0], 1, 2, 1, 0))
            .Should().Throw<ArgumentException>("test rows as long as the training rows").WithParameterName("testX").WithMessage("*features*");
        FluentActions.Invoking(() => FastTreeBaseline.Accuracy(x, y, x, [0, 2], 1, 2, 1, 0)).Should().Throw<ArgumentException>().WithParameterName("testX").WithMessage("*label*");
    }
}
