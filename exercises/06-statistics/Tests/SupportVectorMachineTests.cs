namespace Katas.Statistics.Tests;

[Exercise("6.12", "A linear SVM by Pegasos, against ML.NET's LinearSvm", Points = 15, Hint = """
    A linear SVM looks for the hyperplane w·x + b = 0 with the widest margin, paying a hinge loss
    max(0, 1 − y(w·x + b)) for every example inside the margin or on the wrong side. Pegasos minimises
    λ/2‖w‖² plus the mean hinge loss one random example at a time: a stochastic sub-gradient step. What
    is the sub-gradient when the example is safely outside the margin, and when it is not? Why must the
    random source be seeded? Then train ML.NET's LinearSvm on the same standardised rows.
    """, MoreHint = """
    Step t uses η = 1/(λt). Every step shrinks w by (1 − ηλ); only an example with y(w·x + b) < 1 also adds
    η·y·x. Treat b as the weight of a constant feature 1. new Random(seed).Next(n) picks the example. For
    ML.NET: BinaryClassification.Trainers.LinearSvm(options) and EvaluateNonCalibrated (an SVM outputs a
    margin, not a probability).
    """, Recap = """
    Pegasos is stochastic sub-gradient descent on the SVM's primal objective, with a step size that needs no
    tuning; it gets within a few percent of the exact optimum in a hundred passes. ML.NET's LinearSvm is
    the same algorithm behind a trainer.
    """)]
public sealed class SupportVectorMachineTests
{
    private const int Iterations = 50_000;

    [KataFact]
    public void Pegasos_gets_within_3_percent_of_the_optimal_objective()
    {
        (double[][] trainX, int[] trainY, _, _) = Reference.SvmSplit();
        double lambda = Reference.Number("svm.lambda");
        double optimum = Reference.Number("svm.optimalObjective");

        PegasosSvm svm = PegasosSvm.Train(trainX, trainY, lambda, Iterations, seed: 0);

        double objective = svm.Objective(trainX, trainY, lambda);
        objective.Should().BeLessThanOrEqualTo(optimum * 1.03,
            $"λ/2 (‖w‖² + b²) + mean hinge has its minimum at {optimum} (liblinear, solved exactly); {Iterations} Pegasos steps of size 1/(λt) get within 3 %");
        objective.Should().BeGreaterThanOrEqualTo(optimum * (1 - 1e-6), "no model beats the optimum: check the objective's formula");
    }

    [KataFact]
    public void Pegasos_reaches_scikit_learn_s_accuracy_on_the_test_rows()
    {
        (double[][] trainX, int[] trainY, double[][] testX, int[] testY) = Reference.SvmSplit();

        PegasosSvm svm = PegasosSvm.Train(trainX, trainY, Reference.Number("svm.lambda"), Iterations, seed: 0);

        double accuracy = testX.Where((row, i) => svm.Predict(row) == testY[i]).Count() / (double)testX.Length;
        double sklearn = Reference.Number("svm.accuracy");
        accuracy.Should().BeGreaterThanOrEqualTo(sklearn - 0.02, $"scikit-learn's SVC(kernel=\"linear\") scores {sklearn:P1} on the same standardised split");
    }

    [KataFact]
    public void The_same_seed_gives_the_same_model()
    {
        (double[][] trainX, int[] trainY, _, _) = Reference.SvmSplit();

        PegasosSvm first = PegasosSvm.Train(trainX, trainY, 0.01, 2_000, seed: 5);
        PegasosSvm again = PegasosSvm.Train(trainX, trainY, 0.01, 2_000, seed: 5);
        PegasosSvm other = PegasosSvm.Train(trainX, trainY, 0.01, 2_000, seed: 6);

        again.Weights.Should().Equal(first.Weights, "the examples are drawn from new Random(seed): the same seed, the same steps");
        again.Bias.Should().Be(first.Bias);
        other.Weights.Should().NotEqual(first.Weights, "another seed draws the examples in another order");
    }

    [KataFact(Timeout = 60_000)]
    public void ML_NET_s_LinearSvm_agrees_on_the_same_split()
    {
        (double[][] trainX, int[] trainY, double[][] testX, int[] testY) = Reference.SvmSplit();
        PegasosSvm svm = PegasosSvm.Train(trainX, trainY, Reference.Number("svm.lambda"), Iterations, seed: 0);
        double hand = testX.Where((row, i) => svm.Predict(row) == testY[i]).Count() / (double)testX.Length;

        double library = LinearSvmBaseline.Accuracy(trainX, trainY, testX, testY, numberOfIterations: 10, lambda: Reference.Number("svm.lambda"), seed: 0);

        library.Should().BeGreaterThanOrEqualTo(0.93, "ML.NET's LinearSvm, ten passes of its own Pegasos");
        Math.Abs(library - hand).Should().BeLessThanOrEqualTo(0.03, $"two linear SVMs with the same λ on the same rows agree to a few test rows (hand {hand:P1}, ML.NET {library:P1})");
    }
}
