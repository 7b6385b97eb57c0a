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
}
