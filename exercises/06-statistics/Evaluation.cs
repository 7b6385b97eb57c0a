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

        // TODO: validate as documented; a seeded random permutation, cut into test and training rows.
        throw new NotImplementedException("Exercise 6.14 (Evaluation.TrainTestSplit) is not solved yet. Hint: dotnet run --project grader -- hint 6.14");
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

        // TODO: the folds as documented, sizes differing by at most one.
        throw new NotImplementedException("Exercise 6.14 (Evaluation.KFold) is not solved yet. Hint: dotnet run --project grader -- hint 6.14");
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

        // TODO: validate as documented; ridge regression with an unpenalised intercept, by centring.
        throw new NotImplementedException("Exercise 6.14 (Evaluation.Ridge) is not solved yet. Hint: dotnet run --project grader -- hint 6.14");
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

        // TODO: one RMSE per fold; nothing about a fold's test rows may reach its training, the scaler included (StandardScaler from exercise 6.4).
        throw new NotImplementedException("Exercise 6.14 (Evaluation.CrossValidatedRmse) is not solved yet. Hint: dotnet run --project grader -- hint 6.14");
    }

    /// <summary>The confusion matrix: entry [a, p] counts the rows of actual class a predicted as class p (scikit-learn's layout).</summary>
    /// <exception cref="ArgumentException">The lists differ in length, or a class is outside 0 … classCount − 1.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="classCount"/> is below 1.</exception>
    public static int[,] ConfusionMatrix(IReadOnlyList<int> actual, IReadOnlyList<int> predicted, int classCount)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);

        // TODO: validate as documented; count each (actual, predicted) pair.
        throw new NotImplementedException("Exercise 6.14 (Evaluation.ConfusionMatrix) is not solved yet. Hint: dotnet run --project grader -- hint 6.14");
    }

    /// <summary>Per class k: of the rows predicted k, the share that are k (column k); 0 where nothing was predicted k.</summary>
    public static double[] Precision(int[,] confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);

        // TODO: per class, from the confusion matrix.
        throw new NotImplementedException("Exercise 6.14 (Evaluation.Precision) is not solved yet. Hint: dotnet run --project grader -- hint 6.14");
    }

    /// <summary>Per class k: of the rows that are k, the share predicted k (row k); 0 where no row is k.</summary>
    public static double[] Recall(int[,] confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);

        // TODO: per class, from the confusion matrix.
        throw new NotImplementedException("Exercise 6.14 (Evaluation.Recall) is not solved yet. Hint: dotnet run --project grader -- hint 6.14");
    }

    /// <summary>Per class: the harmonic mean of precision and recall, 2PR/(P + R); 0 where both are 0.</summary>
    public static double[] F1(int[,] confusion)
    {
        ArgumentNullException.ThrowIfNull(confusion);

        // TODO: per class, from precision and recall.
        throw new NotImplementedException("Exercise 6.14 (Evaluation.F1) is not solved yet. Hint: dotnet run --project grader -- hint 6.14");
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

        // TODO: validate as documented; the probability that a positive outscores a negative, ties counting one half.
        throw new NotImplementedException("Exercise 6.14 (Evaluation.RocAuc) is not solved yet. Hint: dotnet run --project grader -- hint 6.14");
    }

    /// <summary>The root-mean-square error √(Σ (actual − predicted)² / n), in the units of the target.</summary>
    /// <exception cref="ArgumentException">The lists differ in length or are empty.</exception>
    public static double Rmse(IReadOnlyList<double> actual, IReadOnlyList<double> predicted)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(predicted);

        // TODO: validate as documented; the root-mean-square error.
        throw new NotImplementedException("Exercise 6.14 (Evaluation.Rmse) is not solved yet. Hint: dotnet run --project grader -- hint 6.14");
    }
}
