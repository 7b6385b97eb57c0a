namespace Katas.Statistics.Tests;

[Exercise("6.11", "A CART decision tree by hand, against ML.NET's FastTree", Points = 20, Hint = """
    A classification tree asks one question per node, "is feature j at most t?", and sends each row left
    or right until a leaf says the class. Growing it is greedy: at every node try every feature and every
    threshold between two neighbouring values, and keep the split whose two children are purest, weighted
    by their sizes. Gini impurity measures purity. When must a node stop splitting? What does a leaf
    predict? Then train ML.NET's FastTree, an ensemble of boosted trees, on the same rows and compare.
    """, MoreHint = """
    Gini = 1 − Σ pₖ². Sort a node's rows by one feature and move them one at a time from the right child
    to the left: the class counts of both sides update in O(1), so one feature costs a sort. Skip
    thresholds between equal values and splits that leave fewer than minSamplesLeaf rows on a side.
    For ML.NET: MLContext(seed), Data.LoadFromEnumerable with a SchemaDefinition that fixes the vector
    length, BinaryClassification.Trainers.FastTree(options), Fit, Transform, Evaluate.
    """, Recap = """
    CART is a greedy search for the purest split, bounded by depth and leaf size so it does not memorise
    the training rows. One tree reaches scikit-learn's accuracy; an ensemble of boosted trees
    (FastTree) does better on the same split, at the price of a model no one can read.
    """)]
public sealed class DecisionTreeTests
{
    [KataFact]
    public void Gini_impurity_is_one_minus_the_sum_of_squared_proportions()
    {
        DecisionTree.Gini([1, 1, 1]).Should().Be(0, "a pure node");
        DecisionTree.Gini([0, 1, 0, 1]).Should().BeApproximately(0.5, 1e-12, "1 − (½² + ½²)");
        DecisionTree.Gini([0, 1, 2]).Should().BeApproximately(2.0 / 3, 1e-12, "three equally frequent classes: 1 − 3 × (⅓)²");
        DecisionTree.Gini([0, 0, 0, 1]).Should().BeApproximately(0.375, 1e-12, "1 − (¾² + ¼²)");
    }

    [KataFact]
    public void The_breast_cancer_tree_splits_first_where_scikit_learn_does()
    {
        (double[][] trainX, int[] trainY, _, _) = Reference.Split("breast-cancer.csv");

        DecisionTree tree = DecisionTree.Fit(trainX, trainY, maxDepth: 4, minSamplesLeaf: 5);

        tree.Root.Feature.Should().Be((int)Reference.Number("tree.breastCancer.rootFeature"),
            "the root split is the one with the lowest weighted Gini impurity of the two children, over every feature and threshold (feature 22 is the worst perimeter)");
        tree.Root.Threshold.Should().BeApproximately(Reference.Number("tree.breastCancer.rootThreshold"), 1e-5,
            "thresholds sit halfway between two neighbouring values (scikit-learn stores them in single precision)");
        tree.Root.Impurity.Should().BeApproximately(Reference.Number("tree.breastCancer.rootImpurity"), 1e-12);
        tree.Root.SampleCount.Should().Be(trainX.Length);
    }

    [KataFact]
    public void Depth_and_leaf_size_limits_hold_and_accuracy_reaches_scikit_learn()
    {
        foreach ((string file, string key) in new[] { ("breast-cancer.csv", "breastCancer"), ("iris.csv", "iris") })
        {
            (double[][] trainX, int[] trainY, double[][] testX, int[] testY) = Reference.Split(file);
            int maxDepth = (int)Reference.Number($"tree.{key}.maxDepth");
            int minSamplesLeaf = (int)Reference.Number($"tree.{key}.minSamplesLeaf");

            DecisionTree tree = DecisionTree.Fit(trainX, trainY, maxDepth, minSamplesLeaf);

            tree.Depth.Should().BeLessThanOrEqualTo(maxDepth, $"{file}: no path has more than maxDepth splits");
            tree.Leaves.Should().OnlyContain(leaf => leaf.SampleCount >= minSamplesLeaf, $"{file}: a split that leaves fewer than {minSamplesLeaf} training rows on a side is never made");
            tree.Leaves.Sum(leaf => leaf.SampleCount).Should().Be(trainX.Length, "every training row ends in exactly one leaf");
            double accuracy = Accuracy(tree, testX, testY);
            double sklearn = Reference.Number($"tree.{key}.accuracy");
            accuracy.Should().BeGreaterThanOrEqualTo(sklearn - 0.02, $"{file}: scikit-learn's DecisionTreeClassifier with the same limits scores {sklearn:P1} on the test rows");
        }
    }

    [KataFact(Timeout = 60_000)]
    public void FastTree_boosts_many_small_trees_on_the_same_split()
    {
        (double[][] trainX, int[] trainY, double[][] testX, int[] testY) = Reference.Split("breast-cancer.csv");
        double single = Accuracy(DecisionTree.Fit(trainX, trainY, maxDepth: 4, minSamplesLeaf: 5), testX, testY);

        double boosted = FastTreeBaseline.Accuracy(trainX, trainY, testX, testY, numberOfTrees: 20, numberOfLeaves: 8, minimumExampleCountPerLeaf: 5, seed: 0);
        double stump = FastTreeBaseline.Accuracy(trainX, trainY, testX, testY, numberOfTrees: 1, numberOfLeaves: 2, minimumExampleCountPerLeaf: 5, seed: 0);

        boosted.Should().BeGreaterThan(single, $"20 boosted trees of 8 leaves beat one tree of depth 4 ({single:P1}) on the same test rows");
        boosted.Should().BeGreaterThanOrEqualTo(0.93);
        stump.Should().BeLessThan(boosted, "one tree of two leaves is a single split");
    }

    private static double Accuracy(DecisionTree tree, double[][] x, int[] y) => x.Where((row, i) => tree.Predict(row) == y[i]).Count() / (double)x.Length;
}
