using Katas.Statistics.Tests;

namespace Katas.Statistics.HiddenTests;

[HiddenTests("6.12")]
public sealed class SupportVectorMachineHiddenTests
{
    [KataFact]
    public void Two_separable_points_end_on_their_own_sides()
    {
        PegasosSvm svm = PegasosSvm.Train([[-2.0], [2.0]], [-1, 1], lambda: 0.1, iterations: 1_000, seed: 0);

        svm.Predict([-3.0]).Should().Be(-1);
        svm.Predict([3.0]).Should().Be(1);
        svm.Weights[0].Should().BeGreaterThan(0, "the +1 example lies on the positive side");
        svm.Decision([2.0]).Should().BeApproximately(1, 0.1, "at the optimum both points sit on the margin, w·x + b = ±1 (w ≈ 0.5)");
    }

    [KataFact]
    public void More_steps_lower_the_objective_and_a_larger_lambda_shrinks_the_weights()
    {
        (double[][] trainX, int[] trainY, _, _) = Reference.SvmSplit();

        PegasosSvm few = PegasosSvm.Train(trainX, trainY, 0.01, 200, seed: 0);
        PegasosSvm many = PegasosSvm.Train(trainX, trainY, 0.01, 40_000, seed: 0);
        PegasosSvm wide = PegasosSvm.Train(trainX, trainY, 1.0, 40_000, seed: 0);

        many.Objective(trainX, trainY, 0.01).Should().BeLessThan(few.Objective(trainX, trainY, 0.01));
        Norm(wide).Should().BeLessThan(Norm(many), "λ weighs ‖w‖²: a larger λ buys a wider margin with smaller weights");
        Norm(wide).Should().BeLessThanOrEqualTo(1 / Math.Sqrt(1.0) + 1e-9, "the optimum has ‖w‖ ≤ 1/√λ (Pegasos, lemma 1)");
    }

    [KataFact]
    public void Labels_are_minus_one_and_plus_one_and_bad_input_gets_a_clear_error()
    {
        FluentActions.Invoking(() => PegasosSvm.Train([[1.0], [2.0]], [0, 1], 0.1, 10, 0)).Should().Throw<ArgumentException>()
            .WithMessage("*1*", "0/1 labels must be mapped to −1/+1: with y = 0 the hinge term never moves w");
        FluentActions.Invoking(() => PegasosSvm.Train([[1.0], [2.0]], [-1, 1], 0, 10, 0)).Should().Throw<ArgumentOutOfRangeException>("the step 1/(λt) needs λ > 0");
        FluentActions.Invoking(() => PegasosSvm.Train([], [], 0.1, 10, 0)).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => PegasosSvm.Train([[1.0, 2.0], [2.0]], [-1, 1], 0.1, 10, 0)).Should().Throw<ArgumentException>();
        PegasosSvm svm = PegasosSvm.Train([[1.0, 2.0], [2.0, 1.0]], [-1, 1], 0.1, 10, 0);
        FluentActions.Invoking(() => svm.Decision([1.0])).Should().Throw<ArgumentException>("two weights, one feature");
        FluentActions.Invoking(() => LinearSvmBaseline.Accuracy([[1.0], [2.0]], [0, 1], [[1.0]], [1], 1, 0.1, 0)).Should().Throw<ArgumentException>();
    }

    [KataFact]
    public void Every_bad_argument_names_its_parameter()
    {
        double[][] x = [[1.0, 2.0], [2.0, 1.0]];
        int[] y = [-1, 1];
        PegasosSvm svm = PegasosSvm.Train(x, y, 0.1, 10, 0);

        FluentActions.Invoking(() => PegasosSvm.Train(null!, y, 0.1, 10, 0)).Should().Throw<ArgumentNullException>().WithParameterName("x");
        FluentActions.Invoking(() => PegasosSvm.Train(x, null!, 0.1, 10, 0)).Should().Throw<ArgumentNullException>().WithParameterName("y");
        FluentActions.Invoking(() => PegasosSvm.Train(x, y, -0.1, 10, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("lambda");
        FluentActions.Invoking(() => PegasosSvm.Train(x, y, 0.1, 0, 0)).Should().Throw<ArgumentOutOfRangeException>("at least one step").WithParameterName("iterations");
        FluentActions.Invoking(() => PegasosSvm.Train(x, [1], 0.1, 10, 0)).Should().Throw<ArgumentException>().WithParameterName("y").WithMessage("*label*");
        FluentActions.Invoking(() => PegasosSvm.Train([], [], 0.1, 10, 0)).Should().Throw<ArgumentException>().WithParameterName("y");
        FluentActions.Invoking(() => PegasosSvm.Train([[1.0, 2.0], [2.0]], y, 0.1, 10, 0)).Should().Throw<ArgumentException>().WithParameterName("x").WithMessage("*features*");
        FluentActions.Invoking(() => PegasosSvm.Train(x, [-1, 0], 0.1, 10, 0)).Should().Throw<ArgumentException>().WithParameterName("y").WithMessage("*label*");
        FluentActions.Invoking(() => svm.Decision(null!)).Should().Throw<ArgumentNullException>().WithParameterName("row");
        FluentActions.Invoking(() => svm.Decision([1.0, 2.0, 3.0])).Should().Throw<ArgumentException>().WithParameterName("row").WithMessage("*features*");
        FluentActions.Invoking(() => svm.Predict([1.0])).Should().Throw<ArgumentException>().WithParameterName("row");
        FluentActions.Invoking(() => svm.Objective(null!, y, 0.1)).Should().Throw<ArgumentNullException>().WithParameterName("x");
        FluentActions.Invoking(() => svm.Objective(x, null!, 0.1)).Should().Throw<ArgumentNullException>().WithParameterName("y");
        FluentActions.Invoking(() => svm.Objective([[1.0], [2.0]], y, 0.1)).Should().Throw<ArgumentException>("two weights, rows of one feature").WithParameterName("x").WithMessage("*features*");
        FluentActions.Invoking(() => svm.Objective(x, [-1], 0.1)).Should().Throw<ArgumentException>().WithParameterName("y").WithMessage("*label*");
        FluentActions.Invoking(() => svm.Objective(x, [-1, 2], 0.1)).Should().Throw<ArgumentException>("the hinge needs labels −1 and +1").WithParameterName("y").WithMessage("*label*");
    }

    [KataFact]
    public void LinearSvm_checks_its_arguments_before_training()
    {
        double[][] x = [[1.0], [2.0]];
        int[] y = [-1, 1];

        FluentActions.Invoking(() => LinearSvmBaseline.Accuracy(null!, y, x, y, 1, 0.1, 0)).Should().Throw<ArgumentNullException>().WithParameterName("trainX");
        FluentActions.Invoking(() => LinearSvmBaseline.Accuracy(x, null!, x, y, 1, 0.1, 0)).Should().Throw<ArgumentNullException>().WithParameterName("trainY");
        FluentActions.Invoking(() => LinearSvmBaseline.Accuracy(x, y, null!, y, 1, 0.1, 0)).Should().Throw<ArgumentNullException>().WithParameterName("testX");
        FluentActions.Invoking(() => LinearSvmBaseline.Accuracy(x, y, x, null!, 1, 0.1, 0)).Should().Throw<ArgumentNullException>().WithParameterName("testY");
        FluentActions.Invoking(() => LinearSvmBaseline.Accuracy(x, y, x, y, 0, 0.1, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("numberOfIterations");
        FluentActions.Invoking(() => LinearSvmBaseline.Accuracy(x, y, x, y, 1, 0, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("lambda");
        FluentActions.Invoking(() => LinearSvmBaseline.Accuracy(x, [1], x, y, 1, 0.1, 0)).Should().Throw<ArgumentException>().WithParameterName("trainX").WithMessage("*label*");
        FluentActions.Invoking(() => LinearSvmBaseline.Accuracy([], [], x, y, 1, 0.1, 0)).Should().Throw<ArgumentException>().WithParameterName("trainX");
        FluentActions.Invoking(() => LinearSvmBaseline.Accuracy(x, [0, 1], x, y, 1, 0.1, 0)).Should().Throw<ArgumentException>("0/1 labels must be mapped to −1/+1").WithParameterName("trainX").WithMessage("*label*");
        FluentActions.Invoking(() => LinearSvmBaseline.Accuracy([[1.0], [2.0, 3.0]], y, x, y, 1, 0.1, 0)).Should().Throw<ArgumentException>().WithParameterName("trainX").WithMessage("*features*");
        FluentActions.Invoking(() => LinearSvmBaseline.Accuracy(x, y, [[1.0, 2.0]], [1], 1, 0.1, 0))
            .Should().Throw<ArgumentException>("test rows as long as the training rows").WithParameterName("testX").WithMessage("*features*");
        FluentActions.Invoking(() => LinearSvmBaseline.Accuracy(x, y, x, [1, 0], 1, 0.1, 0)).Should().Throw<ArgumentException>().WithParameterName("testX").WithMessage("*label*");
    }

    private static double Norm(PegasosSvm svm) => Math.Sqrt(svm.Weights.Sum(w => w * w) + (svm.Bias * svm.Bias));
}
