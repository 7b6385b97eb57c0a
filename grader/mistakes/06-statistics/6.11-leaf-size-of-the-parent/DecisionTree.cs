// Mistake: the leaf-size limit checked on the node being split, not on the two children it would make.
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

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
        if (labels.Count == 0)
        {
            return 0;
        }

        var counts = new Dictionary<int, int>();
        foreach (int label in labels)
        {
            counts[label] = counts.GetValueOrDefault(label) + 1;
        }

        double sum = 0;
        foreach (int count in counts.Values)
        {
            double p = (double)count / labels.Count;
            sum += p * p;
        }

        return 1 - sum;
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
        CheckData(x, y);

        int classCount = y.Max() + 1;
        int[] all = [.. Enumerable.Range(0, x.Length)];
        return new DecisionTree(Grow(x, y, all, classCount, maxDepth, minSamplesLeaf), x[0].Length, classCount);
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
        TreeNode node = Root;
        while (!node.IsLeaf)
        {
            node = row[node.Feature] <= node.Threshold ? node.Left! : node.Right!;
        }

        return node.Prediction;
    }

    private static TreeNode Grow(double[][] x, int[] y, int[] rows, int classCount, int depthLeft, int minSamplesLeaf)
    {
        int[] counts = new int[classCount];
        foreach (int r in rows)
        {
            counts[y[r]]++;
        }

        double impurity = GiniOfCounts(counts, rows.Length);
        int prediction = Array.IndexOf(counts, counts.Max());

        // Stop: the depth is used up, the node is pure, or it is too small for two leaves of the minimum size.
        if (depthLeft == 0 || impurity == 0 || rows.Length < 2 * minSamplesLeaf)
        {
            return Leaf(prediction, rows.Length, impurity);
        }

        (int feature, double threshold, double score) = (-1, double.NaN, double.PositiveInfinity);
        int featureCount = x[0].Length;
        var left = new int[classCount];
        for (int f = 0; f < featureCount; f++)
        {
            int[] sorted = [.. rows.OrderBy(r => x[r][f])];
            Array.Clear(left);

            // Move rows one by one from the right side to the left and score each boundary between two
            // distinct values: O(n) per feature after the sort, instead of recounting both sides each time.
            for (int i = 0; i < sorted.Length - 1; i++)
            {
                left[y[sorted[i]]]++;
                int nLeft = i + 1, nRight = sorted.Length - nLeft;
                double here = x[sorted[i]][f], next = x[sorted[i + 1]][f];
                if (here == next) // bug
                {
                    continue;
                }

                double weighted = (nLeft * GiniOfCounts(left, nLeft)) + (nRight * GiniOfRest(counts, left, nRight));
                if (weighted < score)
                {
                    (feature, threshold, score) = (f, here + ((next - here) / 2), weighted);
                }
            }
        }

        if (feature < 0)
        {
            return Leaf(prediction, rows.Length, impurity);
        }

        int[] leftRows = [.. rows.Where(r => x[r][feature] <= threshold)];
        int[] rightRows = [.. rows.Where(r => x[r][feature] > threshold)];
        return new TreeNode(feature, threshold,
            Grow(x, y, leftRows, classCount, depthLeft - 1, minSamplesLeaf),
            Grow(x, y, rightRows, classCount, depthLeft - 1, minSamplesLeaf),
            prediction, rows.Length, impurity);
    }

    private static TreeNode Leaf(int prediction, int count, double impurity) => new(-1, double.NaN, null, null, prediction, count, impurity);

    private static double GiniOfCounts(int[] counts, int n)
    {
        double sum = 0;
        foreach (int c in counts)
        {
            sum += (double)c * c;
        }

        return 1 - (sum / ((double)n * n));
    }

    private static double GiniOfRest(int[] total, int[] left, int n)
    {
        double sum = 0;
        for (int k = 0; k < total.Length; k++)
        {
            double c = total[k] - left[k];
            sum += c * c;
        }

        return 1 - (sum / ((double)n * n));
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

    private static void CheckData(double[][] x, int[] y)
    {
        if (x.Length == 0)
        {
            throw new ArgumentException("A tree needs at least one training row.", nameof(x));
        }

        if (x.Length != y.Length)
        {
            throw new ArgumentException($"There are {x.Length} rows but {y.Length} labels.", nameof(y));
        }

        int width = x[0]?.Length ?? 0;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i] is null || x[i].Length != width)
            {
                throw new ArgumentException($"Row {i} has {x[i]?.Length ?? 0} features; row 0 has {width}.", nameof(x));
            }

            if (Array.Exists(x[i], double.IsNaN))
            {
                throw new ArgumentException($"Row {i} has a NaN: impute missing values first.", nameof(x));
            }

            if (y[i] < 0)
            {
                throw new ArgumentException($"Label {i} is {y[i]}: classes are numbered from 0.", nameof(y));
            }
        }
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
        int width = CheckBinary(trainX, trainY, 0, nameof(trainX));
        CheckBinary(testX, testY, width, nameof(testX));

        var ml = new MLContext(seed: seed);

        // The feature column's length is known only at run time: tell ML.NET through the schema, or it
        // cannot build a fixed-size vector column from float[] (a variable-length vector trains nothing).
        SchemaDefinition schema = SchemaDefinition.Create(typeof(LabelledRow));
        schema[nameof(LabelledRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        IDataView train = ml.Data.LoadFromEnumerable(LabelledRow.Of(trainX, trainY), schema);
        IDataView test = ml.Data.LoadFromEnumerable(LabelledRow.Of(testX, testY), schema);

        var trainer = ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
        {
            LabelColumnName = nameof(LabelledRow.Label),
            FeatureColumnName = nameof(LabelledRow.Features),
            NumberOfTrees = numberOfTrees,
            NumberOfLeaves = numberOfLeaves,
            MinimumExampleCountPerLeaf = minimumExampleCountPerLeaf,

            // FastTree builds histograms in parallel; one thread keeps the result independent of the core count.
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(train);
        return ml.BinaryClassification.Evaluate(model.Transform(test), nameof(LabelledRow.Label)).Accuracy;
    }

    private static int CheckBinary(double[][] x, int[] y, int width, string name)
    {
        if (x.Length == 0 || x.Length != y.Length)
        {
            throw new ArgumentException($"{name} has {x.Length} rows and {y.Length} labels: both must be the same, and not 0.", name);
        }

        width = width == 0 ? x[0].Length : width;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i].Length != width)
            {
                throw new ArgumentException($"Row {i} of {name} has {x[i].Length} features, not {width}.", name);
            }

            if (y[i] is not (0 or 1))
            {
                throw new ArgumentException($"Label {i} of {name} is {y[i]}: a binary classifier takes 0 or 1.", name);
            }
        }

        return width;
    }

    /// <summary>One row as ML.NET reads it: a boolean label and a vector of single-precision features.</summary>
    private sealed class LabelledRow
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];

        public static IEnumerable<LabelledRow> Of(double[][] x, int[] y) =>
            x.Select((row, i) => new LabelledRow { Label = y[i] == 1, Features = [.. row.Select(v => (float)v)] });
    }
}
