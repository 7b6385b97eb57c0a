using System.Text.RegularExpressions;
using MathNet.Numerics.LinearAlgebra;

namespace Katas.Statistics.HiddenTests;

[HiddenTests("6.14")]
public sealed class EvaluationHiddenTests
{
    [KataFact]
    public void AUC_is_1_for_a_perfect_ranking_one_half_for_constant_scores_and_0_reversed()
    {
        int[] labels = [0, 0, 1, 1];

        Evaluation.RocAuc(labels, [0.1, 0.2, 0.8, 0.9]).Should().Be(1);
        Evaluation.RocAuc(labels, [0.5, 0.5, 0.5, 0.5]).Should().Be(0.5, "every pair is a tie: one half each");
        Evaluation.RocAuc(labels, [0.9, 0.8, 0.2, 0.1]).Should().Be(0);
        Evaluation.RocAuc(labels, [1, 2, 3, 400]).Should().Be(Evaluation.RocAuc(labels, [1, 2, 3, 4]), "only the order of the scores matters");
    }

    [KataFact]
    public void A_class_never_predicted_scores_0_not_NaN()
    {
        int[,] confusion = Evaluation.ConfusionMatrix([0, 1, 2, 2], [0, 0, 2, 2], classCount: 3);

        Evaluation.Precision(confusion)[1].Should().Be(0, "nothing was predicted 1: scikit-learn's zero_division=0");
        Evaluation.Recall(confusion)[1].Should().Be(0);
        Evaluation.F1(confusion)[1].Should().Be(0);
        Evaluation.Precision(confusion)[0].Should().Be(0.5);
    }

    [KataFact]
    public void Ridge_with_alpha_0_is_least_squares_and_the_intercept_is_not_penalised()
    {
        Matrix<double> x = Matrix<double>.Build.DenseOfColumnArrays([1.0, 2.0, 3.0, 4.0]);
        Vector<double> y = Vector<double>.Build.DenseOfArray([103.0, 105.0, 107.0, 109.0]);

        (Vector<double> w, double b) = Evaluation.Ridge(x, y, alpha: 0);
        (Vector<double> shrunk, double shrunkIntercept) = Evaluation.Ridge(x, y, alpha: 1e6);

        w[0].Should().BeApproximately(2, 1e-9);
        b.Should().BeApproximately(101, 1e-9);
        shrunk[0].Should().BeApproximately(0, 1e-4, "a huge α drives the weights to 0");
        shrunkIntercept.Should().BeApproximately(106, 1e-3, "but not the intercept, which becomes the mean of y");
    }

    [KataFact]
    public void Leave_one_out_is_k_fold_with_k_equal_to_n()
    {
        IReadOnlyList<(int[] Train, int[] Test)> folds = Evaluation.KFold(5, 5);

        folds.Should().HaveCount(5);
        folds.Select(f => f.Test.Single()).Should().Equal(0, 1, 2, 3, 4);
        folds[2].Train.Should().Equal(0, 1, 3, 4);
    }

    [KataFact]
    public void Bad_input_gets_a_clear_error()
    {
        FluentActions.Invoking(() => Evaluation.KFold(3, 4)).Should().Throw<ArgumentOutOfRangeException>("four folds of three rows would leave one empty");
        FluentActions.Invoking(() => Evaluation.KFold(10, 1)).Should().Throw<ArgumentOutOfRangeException>("one fold has no training rows");
        FluentActions.Invoking(() => Evaluation.TrainTestSplit(10, 1.0, 0)).Should().Throw<ArgumentOutOfRangeException>("no training rows");
        FluentActions.Invoking(() => Evaluation.TrainTestSplit(10, 0, 0)).Should().Throw<ArgumentOutOfRangeException>("no test rows");
        FluentActions.Invoking(() => Evaluation.RocAuc([1, 1], [0.3, 0.4])).Should().Throw<ArgumentException>("AUC needs both classes");
        FluentActions.Invoking(() => Evaluation.RocAuc([0, 1], [0.3, double.NaN])).Should().Throw<ArgumentException>("a NaN score has no rank");
        FluentActions.Invoking(() => Evaluation.ConfusionMatrix([0, 3], [0, 1], 3)).Should().Throw<ArgumentException>("class 3 of 3 classes (0 to 2)");
        FluentActions.Invoking(() => Evaluation.Rmse([], [])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Evaluation.Rmse([1, 2], [1])).Should().Throw<ArgumentException>();
    }

    [KataFact]
    public void Nulls_boundaries_and_perfect_scores()
    {
        Matrix<double> x = Matrix<double>.Build.DenseOfColumnArrays([1.0, 2.0, 3.0, 4.0]);
        FluentActions.Invoking(() => Evaluation.Ridge(null!, Vector<double>.Build.Dense(4), 1)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Evaluation.Ridge(x, null!, 1)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Evaluation.Ridge(x, Vector<double>.Build.Dense(3), 1)).Should().Throw<ArgumentException>("4 rows, 3 targets");
        FluentActions.Invoking(() => Evaluation.Ridge(x, Vector<double>.Build.Dense(4), -1)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => Evaluation.CrossValidatedRmse(null!, Vector<double>.Build.Dense(4), 2, 1)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Evaluation.CrossValidatedRmse(x, null!, 2, 1)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Evaluation.CrossValidatedRmse(x, Vector<double>.Build.Dense(5), 2, 1)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Evaluation.ConfusionMatrix(null!, [0], 2)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Evaluation.ConfusionMatrix([0], null!, 2)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Evaluation.ConfusionMatrix([0, 1], [1, 3], 3)).Should().Throw<ArgumentException>("a prediction of class 3 among classes 0 to 2");
        FluentActions.Invoking(() => Evaluation.ConfusionMatrix([0, 1], [1], 3)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Evaluation.Precision(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Evaluation.Recall(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Evaluation.F1(null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Evaluation.RocAuc(null!, [0.5])).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Evaluation.RocAuc([0, 1], null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Evaluation.RocAuc([0, 2], [0.1, 0.2])).Should().Throw<ArgumentException>("labels are 0 or 1");
        FluentActions.Invoking(() => Evaluation.RocAuc([0, 1], [0.1])).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => Evaluation.Rmse(null!, [1.0])).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Evaluation.Rmse([1.0], null!)).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => Evaluation.TrainTestSplit(10, 0.95, 0)).Should().Throw<ArgumentOutOfRangeException>("⌈9.5⌉ = 10 test rows leave none for training");

        (int[] train, int[] test) = Evaluation.TrainTestSplit(10, 0.1, seed: 3);
        test.Should().ContainSingle("⌈10 × 0.1⌉ = 1: one test row is enough");
        train.Should().BeInAscendingOrder("each list comes back in ascending order");
        Evaluation.TrainTestSplit(30, 0.5, seed: 3).Test.Should().BeInAscendingOrder();
        Evaluation.F1(Evaluation.ConfusionMatrix([0, 1, 1], [0, 1, 1], 2)).Should().Equal([1.0, 1.0], "perfect predictions: precision = recall = 1");
    }

    [KataFact]
    public void The_remainder_goes_to_the_first_folds_and_ties_in_a_ranking_count_one_half()
    {
        IReadOnlyList<(int[] Train, int[] Test)> folds = Evaluation.KFold(7, 3);

        folds.Select(f => f.Test.Length).Should().Equal([3, 2, 2], "7 = 3 + 2 + 2: the first 7 mod 3 = 1 fold is one row larger");
        folds[1].Test.Should().Equal(3, 4);
        folds[1].Train.Should().Equal(0, 1, 2, 5, 6);
        Evaluation.KFold(2, 2).Select(f => f.Test.Single()).Should().Equal(0, 1);

        // Positives 0.4, 0.6 and 0.8 against negatives 0.2 and 0.6: 0.4 beats 0.2; 0.6 beats 0.2 and ties 0.6; 0.8 beats both.
        Evaluation.RocAuc([0, 1, 0, 1, 1], [0.2, 0.4, 0.6, 0.6, 0.8]).Should().BeApproximately(4.5 / 6, 1e-12, "1 + 1.5 + 2 of 6 pairs: the tie at 0.6 counts one half");
        Evaluation.Rmse([1, 2, 3], [1, 2, 3]).Should().Be(0);
        Evaluation.Rmse([0, 0], [3, 4]).Should().BeApproximately(Math.Sqrt(12.5), 1e-12);
    }

    [KataFact]
    public void More_bad_arguments_name_the_parameter_and_the_problem()
    {
        Matrix<double> x = Matrix<double>.Build.DenseOfColumnArrays([1.0, 2.0, 3.0, 4.0]);

        FluentActions.Invoking(() => Evaluation.TrainTestSplit(1, 0.5, 0)).Should().Throw<ArgumentOutOfRangeException>("one row cannot be split").WithParameterName("count");
        FluentActions.Invoking(() => Evaluation.TrainTestSplit(10, double.NaN, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("testFraction");
        FluentActions.Invoking(() => Evaluation.TrainTestSplit(10, -0.5, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("testFraction");
        FluentActions.Invoking(() => Evaluation.TrainTestSplit(10, 1.5, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("testFraction")
            .Where(e => e.Message.Split(" (Parameter")[0].Trim().Length > 0, "the message says what is wrong");
        FluentActions.Invoking(() => Evaluation.KFold(3, 4)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("folds");
        FluentActions.Invoking(() => Evaluation.KFold(10, 1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("folds");
        FluentActions.Invoking(() => Evaluation.Ridge(x, Vector<double>.Build.Dense(3), 1)).Should().Throw<ArgumentException>().WithParameterName("y").WithMessage("*targets*")
            .Where(e => Regex.IsMatch(e.Message, @"\b4\b") && Regex.IsMatch(e.Message, @"\b3\b"), "the message gives both counts, 4 rows and 3 targets");
        FluentActions.Invoking(() => Evaluation.Ridge(Matrix<double>.Build.Dense(0, 1), Vector<double>.Build.Dense(0), 1)).Should().Throw<ArgumentException>("no rows to fit").WithParameterName("y");
        FluentActions.Invoking(() => Evaluation.Ridge(x, Vector<double>.Build.Dense(4), -1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("alpha");
        FluentActions.Invoking(() => Evaluation.CrossValidatedRmse(x, Vector<double>.Build.Dense(5), 2, 1)).Should().Throw<ArgumentException>().WithParameterName("y").WithMessage("*targets*")
            .Where(e => Regex.IsMatch(e.Message, @"\b4\b") && Regex.IsMatch(e.Message, @"\b5\b"), "the message gives both counts, 4 rows and 5 targets");
        FluentActions.Invoking(() => Evaluation.CrossValidatedRmse(x, Vector<double>.Build.Dense(4), 5, 1)).Should().Throw<ArgumentOutOfRangeException>("five folds of four rows").WithParameterName("folds");
        FluentActions.Invoking(() => Evaluation.ConfusionMatrix([0], [0], 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("classCount");
        FluentActions.Invoking(() => Evaluation.ConfusionMatrix([0, 1], [1], 3)).Should().Throw<ArgumentException>().WithParameterName("predicted").WithMessage("*predictions*");
        FluentActions.Invoking(() => Evaluation.ConfusionMatrix([0, -1], [0, 1], 3)).Should().Throw<ArgumentException>("a negative class is outside 0 to 2 too").WithParameterName("actual").WithMessage("*classes*")
            .Where(e => Regex.IsMatch(e.Message, @"\b2\b"), "the message names the largest class, 2");
        FluentActions.Invoking(() => Evaluation.ConfusionMatrix([0, 1], [-1, 1], 3)).Should().Throw<ArgumentException>().WithParameterName("actual");
        FluentActions.Invoking(() => Evaluation.Precision(new int[2, 3])).Should().Throw<ArgumentException>("a confusion matrix is square").WithParameterName("confusion").WithMessage("*square*");
        FluentActions.Invoking(() => Evaluation.Recall(new int[3, 2])).Should().Throw<ArgumentException>().WithParameterName("confusion");
        FluentActions.Invoking(() => Evaluation.F1(new int[1, 2])).Should().Throw<ArgumentException>().WithParameterName("confusion");
        FluentActions.Invoking(() => Evaluation.RocAuc([0, 1], [0.1])).Should().Throw<ArgumentException>().WithParameterName("scores")
            .Where(e => Regex.IsMatch(e.Message, @"\b2\b") && Regex.IsMatch(e.Message, @"\b1\b"), "the message gives both counts, 2 labels and 1 score");
        FluentActions.Invoking(() => Evaluation.RocAuc([0, 2], [0.1, 0.2])).Should().Throw<ArgumentException>().WithParameterName("labels").WithMessage("*0 or 1*");
        FluentActions.Invoking(() => Evaluation.RocAuc([0, 0], [0.1, 0.2])).Should().Throw<ArgumentException>().WithParameterName("labels").WithMessage("*classes*");
        FluentActions.Invoking(() => Evaluation.Rmse([1, 2], [1])).Should().Throw<ArgumentException>().WithParameterName("predicted").WithMessage("*predictions*");
        FluentActions.Invoking(() => Evaluation.Rmse([], [])).Should().Throw<ArgumentException>().WithParameterName("predicted");
    }

    [KataFact]
    public void Every_row_can_land_in_the_test_set()
    {
        int[] tested = [.. Enumerable.Range(0, 20).Select(seed => Evaluation.TrainTestSplit(2, 0.5, seed).Test.Single())];

        tested.Should().Contain(0, "Fisher–Yates draws j from 0 … i, i included: over 20 seeds either row must be the test row sometimes");
        tested.Should().Contain(1);
    }

    [KataFact]
    public void Ridge_centres_y_before_the_product_so_a_large_mean_does_not_leak_through_rounding()
    {
        // The centred column sums to 5.6e-17, not 0: multiplied by ȳ = 1e12 that would move w in the fifth digit.
        Matrix<double> x = Matrix<double>.Build.DenseOfColumnArrays([0.1, 0.2, 0.7]);
        Vector<double> y = Vector<double>.Build.DenseOfArray([1e12 + 1, 1e12 + 2, 1e12 + 4]);

        (Vector<double> w, _) = Evaluation.Ridge(x, y, alpha: 0);

        w[0].Should().BeApproximately(4.67741935483871, 1e-9, "the least-squares slope of (0.1, 1), (0.2, 2), (0.7, 4): 2.9 / 0.62");
    }
}
