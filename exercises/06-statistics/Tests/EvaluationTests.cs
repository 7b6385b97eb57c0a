using MathNet.Numerics.LinearAlgebra;

namespace Katas.Statistics.Tests;

[Exercise("6.14", "Evaluation and validation: splits, k-fold, scores without leaks", Points = 15, BuildsOn = "6.4", Hint = """
    A model is only as good as the rows it has never seen. Hold out a test set, or rotate k folds so that
    every row is tested once, and never let anything learned from the test rows, not even the mean a
    scaler subtracts, reach training. Then score: a confusion matrix counts what went where, precision and
    recall read it by column and by row, ROC AUC ranks the scores, RMSE measures in the target's units.
    What should a fold of 10 rows in 4 folds look like? What does a tie between a positive and a negative
    score count for?
    """, MoreHint = """
    Fisher–Yates with new Random(seed) for the split. KFold without shuffling gives the first count % k folds
    one extra row. In each fold: StandardScaler.Fit on the training rows (exercise 6.4), Transform both sides,
    ridge on the centred training rows ((XᵀX + αI) w = Xᵀy, Cholesky), RMSE on the test rows. AUC is the
    Mann–Whitney statistic: for each positive, the negatives it outscores, plus half the ties, over nP·nN.
    """, Recap = """
    Validation is bookkeeping: every statistic a model uses, preprocessing included, comes from its training
    rows. A leak shows as scores that differ in the third decimal, which is why it goes unnoticed. Precision
    reads the confusion matrix by column, recall by row, and AUC counts a tie as one half.
    """)]
public sealed class EvaluationTests
{
    [KataFact]
    public void K_fold_gives_the_first_folds_the_extra_rows_and_tests_every_row_once()
    {
        foreach (int n in new[] { 10, 11, 12, 13 })
        {
            IReadOnlyList<(int[] Train, int[] Test)> folds = Evaluation.KFold(n, 4);

            folds.Select(f => f.Test.Length).Should().Equal(Reference.Numbers($"evaluation.kFoldTestSizes.{n}").Select(v => (int)v),
                $"scikit-learn's KFold(4) on {n} rows: the first {n % 4} folds take one extra row each");
            folds.SelectMany(f => f.Test).Should().Equal(Enumerable.Range(0, n), "the test blocks are contiguous and in order, each row tested exactly once");
            folds.Should().OnlyContain(f => f.Train.Length + f.Test.Length == n && !f.Train.Intersect(f.Test).Any(), "a fold trains on every row it does not test");
        }
    }

    [KataFact]
    public void Cross_validation_fits_the_scaler_inside_each_fold()
    {
        Matrix<double> x = Matrix<double>.Build.DenseOfRowArrays(Reference.Rows("evaluation.x"));
        Vector<double> y = Vector<double>.Build.DenseOfArray(Reference.Numbers("evaluation.y"));

        double[] rmse = Evaluation.CrossValidatedRmse(x, y, (int)Reference.Number("evaluation.folds"), Reference.Number("evaluation.alpha"));

        double[] honest = Reference.Numbers("evaluation.honestRmse");
        double[] leaky = Reference.Numbers("evaluation.leakyRmse");
        rmse.Should().HaveCount(honest.Length);
        for (int f = 0; f < honest.Length; f++)
        {
            rmse[f].Should().BeApproximately(honest[f], 1e-9,
                $"fold {f}: make_pipeline(StandardScaler(), Ridge(alpha=5)) scores {honest[f]}; {leaky[f]} is what a scaler fitted on all rows gives, with the test fold's mean and spread leaked into training");
        }
    }

    [KataFact]
    public void Precision_reads_the_confusion_matrix_by_column_and_recall_by_row()
    {
        int[] actual = [.. Reference.Numbers("evaluation.actual").Select(v => (int)v)];
        int[] predicted = [.. Reference.Numbers("evaluation.predicted").Select(v => (int)v)];

        int[,] confusion = Evaluation.ConfusionMatrix(actual, predicted, classCount: 3);

        double[][] expected = Reference.Rows("evaluation.confusion");
        for (int a = 0; a < 3; a++)
        {
            for (int p = 0; p < 3; p++)
            {
                confusion[a, p].Should().Be((int)expected[a][p], $"entry [{a}, {p}] counts the rows of actual class {a} predicted as {p} (scikit-learn's layout)");
            }
        }

        AssertAll(Evaluation.Precision(confusion), Reference.Numbers("evaluation.precision"), "precision: of the rows predicted k, the share that are k (column k)");
        AssertAll(Evaluation.Recall(confusion), Reference.Numbers("evaluation.recall"), "recall: of the rows that are k, the share predicted k (row k)");
        AssertAll(Evaluation.F1(confusion), Reference.Numbers("evaluation.f1"), "F1: the harmonic mean of precision and recall");
    }

    [KataFact]
    public void ROC_AUC_counts_ties_as_one_half_and_RMSE_matches_scikit_learn()
    {
        int[] labels = [.. Reference.Numbers("evaluation.rocLabels").Select(v => (int)v)];

        Evaluation.RocAuc(labels, Reference.Numbers("evaluation.rocScores")).Should().BeApproximately(Reference.Number("evaluation.rocAuc"), 1e-12,
            "sklearn.metrics.roc_auc_score: a positive and a negative with the same score (0.8, 0.5) count one half");
        Evaluation.Rmse(Reference.Numbers("evaluation.rmseActual"), Reference.Numbers("evaluation.rmsePredicted"))
            .Should().BeApproximately(Reference.Number("evaluation.rmse"), 1e-12);
    }

    [KataFact]
    public void A_seeded_split_is_reproducible_disjoint_and_complete()
    {
        (int[] train, int[] test) = Evaluation.TrainTestSplit(50, 0.3, seed: 7);
        (int[] train2, int[] test2) = Evaluation.TrainTestSplit(50, 0.3, seed: 7);
        (_, int[] other) = Evaluation.TrainTestSplit(50, 0.3, seed: 8);

        test.Should().HaveCount(15, "⌈50 × 0.3⌉ test rows");
        train.Concat(test).Order().Should().Equal(Enumerable.Range(0, 50), "every row lands on exactly one side");
        test2.Should().Equal(test, "the same seed, the same split");
        train2.Should().Equal(train);
        other.Should().NotEqual(test, "another seed, another split");
        test.Should().NotEqual(Enumerable.Range(0, 15), "the split is random, not the first rows (data files are often sorted)");
    }

    private static void AssertAll(double[] actual, double[] expected, string because)
    {
        actual.Should().HaveCount(expected.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            actual[k].Should().BeApproximately(expected[k], 1e-12, $"class {k}, {because}");
        }
    }
}
