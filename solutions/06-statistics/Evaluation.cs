using MathNet.Numerics.LinearAlgebra;

namespace Katas.Statistics;

/// <summary>
/// Exercise 6.14: evaluation and validation. Splitting rows into training and test sets, k-fold
/// cross-validation with the preprocessing fitted inside each fold, and the usual scores: the confusion matrix,
/// precision, recall, F1, the area under the ROC curve and the root-mean-square error.
/// </summary>
/// <remarks>Conventions are scikit-learn's, which the tests compare with.</remarks>
public static class Evaluation
{
    /// <summary>
    /// A seeded random split of the row indices 0 … count − 1: ⌈count · testFraction⌉ test rows, the others for
    /// training, each list in ascending order.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is below 2, or <paramref name="testFraction"/> leaves either side empty.</exception>
    public static (int[] Train, int[] Test) TrainTestSplit(int count, double testFraction, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 2);
        int testCount = (int)Math.Ceiling(count * testFraction);
        if (!(testFraction > 0 && testFraction < 1) || testCount < 1 || testCount >= count)
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, $"The fraction must leave at least one row on each side of {count}.");
        }

        // Fisher–Yates with a seeded source: every permutation equally likely, and the same one for the same seed.
        int[] order = [.. Enumerable.Range(0, count)];
        var random = new Random(seed);
        for (int i = count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return ([.. order[testCount..].Order()], [.. order[..testCount].Order()]);
    }

    /// <summary>
    /// k folds of the row indices in order, without shuffling (scikit-learn's <c>KFold(shuffle=False)</c>): fold i
    /// tests a contiguous block, the first count mod k folds one row larger, and trains on every other row.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="folds"/> is below 2 or above <paramref name="count"/>.</exception>
    public static IReadOnlyList<(int[] Train, int[] Test)> KFold(int count, int folds)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(folds, count);

        var result = new List<(int[] Train, int[] Test)>(folds);
        int start = 0;
        for (int f = 0; f < folds; f++)
        {
            // Spread the remainder over the first folds (sizes differ by at most one), not all onto the last.
            int size = (count / folds) + (f < count % folds ? 1 : 0);
            int[] test = [.. Enumerable.Range(start, size)];
            int[] train = [.. Enumerable.Range(0, count).Where(i => i < start || i >= start + size)];
            result.Add((train, test));
            start += size;
        }

        return result;
    }

    /// <summary>
    /// Ridge regression with an unpenalised intercept (scikit-learn's <c>Ridge(alpha)</c>): the columns and y are
    /// centred, w solves (XcᵀXc + αI) w = Xcᵀyc, and the intercept is ȳ − x̄·w.
    /// </summary>
    /// <returns>The weights, and the intercept.</returns>
    /// <exception cref="ArgumentException">y has another length than x has rows, or x has no rows.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alpha"/> is negative.</exception>
    public static (Vector<double> Weights, double Intercept) Ridge(Matrix<double> x, Vector<double> y, double alpha)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfNegative(alpha);
        if (x.RowCount == 0 || y.Count != x.RowCount)
        {
            throw new ArgumentException($"There are {x.RowCount} rows and {y.Count} targets: both must be the same, and not 0.", nameof(y));
        }

        Vector<double> columnMeans = x.ColumnSums() / x.RowCount;
        double yMean = y.Sum() / y.Count;
        Matrix<double> centred = x.MapIndexed((_, j, v) => v - columnMeans[j]);
        Matrix<double> gram = centred.TransposeThisAndMultiply(centred) + (alpha * Matrix<double>.Build.DenseIdentity(x.ColumnCount));

        // XcᵀXc + αI is symmetric positive definite for α > 0: Cholesky is the solver for it.
        Vector<double> weights = gram.Cholesky().Solve(centred.TransposeThisAndMultiply(y - yMean));
        return (weights, yMean - columnMeans.DotProduct(weights));
    }

    /// <summary>
    /// k-fold cross-validation of <see cref="Ridge"/> on standardised features: the RMSE on each test fold.
    /// Inside each fold the <see cref="StandardScaler"/> is fitted on the training rows only and then applied to
    /// both sides, as scikit-learn's <c>make_pipeline(StandardScaler(), Ridge(alpha))</c> does.
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Ridge"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">As for <see cref="KFold"/> and <see cref="Ridge"/>.</exception>
    public static double[] CrossValidatedRmse(Matrix<double> x, Vector<double> y, int folds, double alpha)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (y.Count != x.RowCount)
        {
            throw new ArgumentException($"There are {x.RowCount} rows and {y.Count} targets.", nameof(y));
        }

        var scores = new List<double>(folds);
        foreach ((int[] train, int[] test) in KFold(x.RowCount, folds))
        {
            Matrix<double> trainX = Rows(x, train), testX = Rows(x, test);

            // Fitted inside the fold: a scaler fitted on every row would carry the test rows' mean and spread
            // into training, and the scores would describe a model that has seen its test set.
            StandardScaler scaler = StandardScaler.Fit(trainX);
            (Vector<double> weights, double intercept) = Ridge(scaler.Transform(trainX), Vector<double>.Build.DenseOfEnumerable(train.Select(i => y[i])), alpha);
            Vector<double> predicted = (scaler.Transform(testX) * weights) + intercept;
            scores.Add(Rmse([.. test.Select(i => y[i])], predicted.ToArray()));
        }

        return [.. scores];
    }

    /// <summary>The confusion matrix: entry [a, p] counts the rows of actual class a predicted as class p (scikit-learn's layout).</summary>
    /// <exception cref="ArgumentException">The lists differ in length, or a class is outside 0 … classCount − 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is below 1.</exception>
    public static int[,] ConfusionMatrix(IReadOnlyList<int> actual, IReadOnlyList<int> predicted, int classCount)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        if (actual.Count != predicted.Count)
        {
            throw new ArgumentException($"There are {actual.Count} actual classes and {predicted.Count} predictions.", nameof(predicted));
        }

        var matrix = new int[classCount, classCount];
        for (int i = 0; i < actual.Count; i++)
        {
            if ((uint)actual[i] >= (uint)classCount || (uint)predicted[i] >= (uint)classCount)
            {
                throw new ArgumentException($"Row {i} has classes {actual[i]} and {predicted[i]}; the classes are 0 to {classCount - 1}.", nameof(actual));
            }

            matrix[actual[i], predicted[i]]++;
        }

        return matrix;
    }

    /// <summary>Per class k: of the rows predicted k, the share that are k (column k); 0 where nothing was predicted k.</summary>
    public static double[] Precision(int[,] confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        return PerClass(confusion, k => Enumerable.Range(0, confusion.GetLength(0)).Sum(a => confusion[a, k]));
    }

    /// <summary>Per class k: of the rows that are k, the share predicted k (row k); 0 where no row is k.</summary>
    public static double[] Recall(int[,] confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        return PerClass(confusion, k => Enumerable.Range(0, confusion.GetLength(1)).Sum(p => confusion[k, p]));
    }

    /// <summary>Per class: the harmonic mean of precision and recall, 2PR/(P + R); 0 where both are 0.</summary>
    public static double[] F1(int[,] confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);
        double[] precision = Precision(confusion), recall = Recall(confusion);
        return [.. precision.Select((p, k) => p + recall[k] == 0 ? 0 : 2 * p * recall[k] / (p + recall[k]))];
    }

    /// <summary>
    /// The area under the ROC curve: the probability that a random positive scores higher than a random negative,
    /// a tie counting one half (the Mann–Whitney U statistic over nP·nN).
    /// </summary>
    /// <exception cref="ArgumentException">The lists differ in length, a label is not 0 or 1, a score is NaN, or one class is missing.</exception>
    public static double RocAuc(IReadOnlyList<int> labels, IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(scores);
        if (labels.Count != scores.Count)
        {
            throw new ArgumentException($"There are {labels.Count} labels and {scores.Count} scores.", nameof(scores));
        }

        if (labels.Any(l => l is not (0 or 1)) || scores.Any(double.IsNaN))
        {
            throw new ArgumentException("Labels are 0 or 1 and scores are numbers (no NaN).", nameof(labels));
        }

        long positives = labels.Count(l => l == 1), negatives = labels.Count - positives;
        if (positives == 0 || negatives == 0)
        {
            throw new ArgumentException("The ROC curve needs both classes: with one, the area is undefined.", nameof(labels));
        }

        // Walk the scores from low to high in groups of equal score. Each positive beats every negative seen in
        // earlier groups, and ties with the negatives of its own group, which count one half.
        int[] order = [.. Enumerable.Range(0, scores.Count).OrderBy(i => scores[i])];
        double wins = 0;
        long negativesBelow = 0;
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            long groupPositives = 0, groupNegatives = 0;
            while (end < order.Length && scores[order[end]] == scores[order[start]])
            {
                if (labels[order[end]] == 1)
                {
                    groupPositives++;
                }
                else
                {
                    groupNegatives++;
                }

                end++;
            }

            wins += groupPositives * (negativesBelow + (groupNegatives / 2.0));
            negativesBelow += groupNegatives;
            start = end;
        }

        return wins / (positives * (double)negatives);
    }

    /// <summary>The root-mean-square error √(Σ (actual − predicted)² / n), in the units of the target.</summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static double Rmse(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        if (actual.Count == 0 || actual.Count != predicted.Count)
        {
            throw new ArgumentException($"There are {actual.Count} actual values and {predicted.Count} predictions: both must be the same, and not 0.", nameof(predicted));
        }

        double sum = 0;
        for (int i = 0; i < actual.Count; i++)
        {
            sum += (actual[i] - predicted[i]) * (actual[i] - predicted[i]);
        }

        return Math.Sqrt(sum / actual.Count);
    }

    private static double[] PerClass(int[,] confusion, Func<int, int> denominator)
    {
        if (confusion.GetLength(0) != confusion.GetLength(1))
        {
            throw new ArgumentException($"A confusion matrix is square, not {confusion.GetLength(0)} × {confusion.GetLength(1)}.", nameof(confusion));
        }

        // scikit-learn's zero_division=0: a class never predicted (or never present) scores 0, not NaN.
        return [.. Enumerable.Range(0, confusion.GetLength(0)).Select(k => denominator(k) is int d and > 0 ? confusion[k, k] / (double)d : 0)];
    }

    private static Matrix<double> Rows(Matrix<double> x, int[] rows) => Matrix<double>.Build.Dense(rows.Length, x.ColumnCount, (i, j) => x[rows[i], j]);
}
