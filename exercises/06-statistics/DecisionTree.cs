using Microsoft.ML;

namespace Katas.Statistics;

/// <summary>A node of a <see cref="DecisionTree"/>: a split (feature ≤ threshold goes left) or a leaf that predicts a class.</summary>
/// <param name="Feature">The column the node splits on; −1 for a leaf.</param>
/// <param name="Threshold">Rows with x[Feature] ≤ Threshold go left, the others right; NaN for a leaf.</param>
/// <param name="Left">The subtree for x[Feature] ≤ Threshold; null for a leaf.</param>
/// <param name="Right">The subtree for x[Feature] &gt; Threshold; null for a leaf.</param>
/// <param name="Prediction">The majority class of the node's training rows (the smallest label on a tie).</param>
/// <param name="SampleCount">How many training rows reached the node.</param>
/// <param name="Impurity">The Gini impurity of those rows.</param>
public sealed record TreeNode(int Feature, double Threshold, TreeNode? Left, TreeNode? Right, int Prediction, int SampleCount, double Impurity)
{
    /// <summary>True for a leaf: a node without children, which predicts <see cref="Prediction"/>.</summary>
    public bool IsLeaf => Left is null;
}

/// <summary>
/// Exercise 6.11: a CART classification tree grown by hand: binary splits chosen to minimise the weighted Gini
/// impurity of the children, with a depth limit and a minimum number of training rows in every leaf
/// (scikit-learn's <c>DecisionTreeClassifier(criterion="gini", max_depth, min_samples_leaf)</c>).
/// </summary>
/// <remarks>
/// Thresholds sit halfway between two neighbouring distinct values of a feature, as in scikit-learn. Ties between
/// equally good splits go to the lowest feature index, then the lowest threshold, so that the tree is the same on
/// every run (scikit-learn breaks them by a seeded random order of the features).
/// </remarks>
public sealed class DecisionTree
{
    private DecisionTree(TreeNode root, int featureCount, int classCount)
    {
        Root = root;
        FeatureCount = featureCount;
        ClassCount = classCount;
    }

    /// <summary>The root of the tree.</summary>
    public TreeNode Root { get; }

    /// <summary>The number of features of every training row, and so of every row to predict.</summary>
    public int FeatureCount { get; }

    /// <summary>The number of classes, 1 + the largest training label.</summary>
    public int ClassCount { get; }

    /// <summary>The number of splits on the longest path from the root to a leaf (0 for a single leaf).</summary>
    public int Depth => DepthOf(Root);

    /// <summary>The leaves, left to right.</summary>
    public IReadOnlyList<TreeNode> Leaves
    {
        get
        {
            var leaves = new List<TreeNode>();
            Collect(Root, leaves);
            return leaves;
        }
    }

    /// <summary>The Gini impurity 1 − Σ pₖ² of a set of class labels: 0 when pure, 1 − 1/K for K equally frequent classes; 0 for none.</summary>
    public static double Gini(IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);

        // TODO: the Gini impurity of the labels.
        throw new NotImplementedException("Exercise 6.11 (DecisionTree.Gini) is not solved yet. Hint: dotnet run --project grader -- hint 6.11");
    }

    /// <summary>Grows a tree on the training rows <paramref name="x"/> with class labels <paramref name="y"/> (0, 1, …).</summary>
    /// <param name="x">One row of features per training example, all of the same length, no NaN.</param>
    /// <param name="y">The class of each row, from 0.</param>
    /// <param name="maxDepth">The most splits on any path from the root (at least 0: 0 is a single leaf).</param>
    /// <param name="minSamplesLeaf">The fewest training rows a leaf may hold (at least 1): a split that leaves fewer on a side is not considered.</param>
    /// <exception cref="ArgumentException">No rows, rows of different lengths, a NaN, a negative label, or x and y of different lengths.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxDepth"/> is negative or <paramref name="minSamplesLeaf"/> is below 1.</exception>
    public static DecisionTree Fit(double[][] x, int[] y, int maxDepth, int minSamplesLeaf)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfNegative(maxDepth);
        ArgumentOutOfRangeException.ThrowIfLessThan(minSamplesLeaf, 1);

        // TODO: validate as documented, then grow the tree: at each node the split with the lowest weighted Gini impurity of its children, within the limits (ties as in the remarks).
        throw new NotImplementedException("Exercise 6.11 (DecisionTree.Fit) is not solved yet. Hint: dotnet run --project grader -- hint 6.11");
    }

    /// <summary>The class the tree predicts for one row: follow the splits from the root to a leaf.</summary>
    /// <exception cref="ArgumentException">The row has another number of features than the training rows.</exception>
    public int Predict(IReadOnlyList<double> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Count != FeatureCount)
        {
            throw new ArgumentException($"The tree was grown on rows of {FeatureCount} features; this row has {row.Count}.", nameof(row));
        }

        // TODO: follow the splits from the root to a leaf.
        throw new NotImplementedException("Exercise 6.11 (DecisionTree.Predict) is not solved yet. Hint: dotnet run --project grader -- hint 6.11");
    }

    private static int DepthOf(TreeNode node) => node.IsLeaf ? 0 : 1 + Math.Max(DepthOf(node.Left!), DepthOf(node.Right!));

    private static void Collect(TreeNode node, List<TreeNode> leaves)
    {
        if (node.IsLeaf)
        {
            leaves.Add(node);
            return;
        }

        Collect(node.Left!, leaves);
        Collect(node.Right!, leaves);
    }
}

/// <summary>
/// Exercise 6.11, second part: ML.NET's FastTree (gradient-boosted trees, the library's tree learner; ML.NET has no
/// single CART tree) trained and scored on the same split as the hand-grown tree.
/// </summary>
public static class FastTreeBaseline
{
    /// <summary>
    /// Trains ML.NET's <c>FastTree</c> binary classifier on the training rows and returns its accuracy on the test
    /// rows. One thread and a seeded <see cref="MLContext"/>: the same data give the same model on every machine.
    /// </summary>
    /// <param name="trainX">The training rows, all of one length.</param>
    /// <param name="trainY">Their labels, 0 or 1.</param>
    /// <param name="testX">The test rows, as long as the training rows.</param>
    /// <param name="testY">Their labels, 0 or 1.</param>
    /// <param name="numberOfTrees">How many boosted trees (at least 1).</param>
    /// <param name="numberOfLeaves">The leaves of each tree (at least 2).</param>
    /// <param name="minimumExampleCountPerLeaf">The fewest training rows in a leaf (at least 1).</param>
    /// <param name="seed">The seed of the <see cref="MLContext"/>.</param>
    /// <exception cref="ArgumentException">Empty sets, rows of different lengths, or a label that is not 0 or 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count is out of its range.</exception>
    public static double Accuracy(double[][] trainX, int[] trainY, double[][] testX, int[] testY,
        int numberOfTrees, int numberOfLeaves, int minimumExampleCountPerLeaf, int seed)
    {
        ArgumentNullException.ThrowIfNull(trainX);
        ArgumentNullException.ThrowIfNull(trainY);
        ArgumentNullException.ThrowIfNull(testX);
        ArgumentNullException.ThrowIfNull(testY);
        ArgumentOutOfRangeException.ThrowIfLessThan(numberOfTrees, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(numberOfLeaves, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumExampleCountPerLeaf, 1);

        // TODO: validate as documented; ML.NET's FastTree binary classifier with these settings, on one thread, trained on the training rows and scored on the test rows.
        throw new NotImplementedException("Exercise 6.11 (FastTreeBaseline.Accuracy) is not solved yet. Hint: dotnet run --project grader -- hint 6.11");
    }
}
