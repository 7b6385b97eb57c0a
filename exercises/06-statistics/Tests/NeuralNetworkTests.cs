using MathNet.Numerics.LinearAlgebra;

namespace Katas.Statistics.Tests;

[Exercise("6.13", "A small neural network: back-propagation on Math.NET matrices", Points = 20, Hint = """
    A multilayer perceptron is two matrix products with a non-linearity between them: hidden = tanh(XW1 + b1),
    p = sigmoid(hidden·w2 + b2). Training is gradient descent on the cross-entropy, and the gradient comes
    from the chain rule applied backwards, layer by layer: back-propagation. How do you know your gradient
    is right before you trust a training run? Why can a network not learn XOR if every weight starts at 0?
    Why must the starting weights come from a seeded source?
    """, MoreHint = """
    With a sigmoid output and cross-entropy loss, ∂L/∂z = (p − y)/n. Then ∂L/∂w2 = Hᵀ·dz; back into the
    hidden layer dz·w2ᵀ (Vector.OuterProduct), times tanh's derivative 1 − H² (PointwiseMultiply);
    ∂L/∂W1 = Xᵀ·that (TransposeThisAndMultiply), and bias gradients are column sums. Check each against
    (L(θ + ε) − L(θ − ε)) / 2ε. Matrix.Build.Random with Normal(0, σ, new MersenneTwister(seed)).
    """, Recap = """
    Back-propagation is the chain rule organised as matrix products, and a finite-difference check proves
    it. Random, seeded initial weights break the symmetry between hidden units; a handful of tanh units
    then bend the decision boundary around XOR and two moons, which no linear model can.
    """)]
public sealed class NeuralNetworkTests
{
    [KataFact]
    public void Back_propagation_matches_finite_differences()
    {
        (Matrix<double> x, Vector<double> y) = Reference.Moons("train");
        NeuralNetwork network = NeuralNetwork.Create(inputs: 2, hidden: 5, seed: 3);
        network.Train(x, y, epochs: 20, learningRate: 0.5);

        NetworkGradient gradient = network.Gradient(x, y);

        const double h = 1e-6;
        Matrix<double> w1 = network.HiddenWeights;
        Vector<double> b1 = network.HiddenBiases;
        Vector<double> w2 = network.OutputWeights;
        double b2 = network.OutputBias;
        double Loss(Matrix<double> a, Vector<double> b, Vector<double> c, double d) => NeuralNetwork.FromParameters(a, b, c, d).Loss(x, y);
        for (int i = 0; i < w1.RowCount; i++)
        {
            for (int j = 0; j < w1.ColumnCount; j++)
            {
                Matrix<double> plus = w1.Clone(), minus = w1.Clone();
                plus[i, j] += h;
                minus[i, j] -= h;
                double numeric = (Loss(plus, b1, w2, b2) - Loss(minus, b1, w2, b2)) / (2 * h);
                gradient.HiddenWeights[i, j].Should().BeApproximately(numeric, 1e-7, $"∂L/∂W1[{i}, {j}]: back through w2 and tanh's derivative 1 − H², then Xᵀ");
            }
        }

        for (int j = 0; j < w2.Count; j++)
        {
            Vector<double> plusB = b1.Clone(), minusB = b1.Clone(), plusW = w2.Clone(), minusW = w2.Clone();
            plusB[j] += h;
            minusB[j] -= h;
            plusW[j] += h;
            minusW[j] -= h;
            gradient.HiddenBiases[j].Should().BeApproximately((Loss(w1, plusB, w2, b2) - Loss(w1, minusB, w2, b2)) / (2 * h), 1e-7, $"∂L/∂b1[{j}]: a column sum of the hidden deltas");
            gradient.OutputWeights[j].Should().BeApproximately((Loss(w1, b1, plusW, b2) - Loss(w1, b1, minusW, b2)) / (2 * h), 1e-7, $"∂L/∂w2[{j}] = Hᵀ (p − y) / n");
        }

        gradient.OutputBias.Should().BeApproximately((Loss(w1, b1, w2, b2 + h) - Loss(w1, b1, w2, b2 - h)) / (2 * h), 1e-7,
            "∂L/∂b2 = Σ (p − y) / n: sigmoid and cross-entropy together have this simple derivative");
    }

    [KataFact(Timeout = 60_000)]
    public void The_network_learns_XOR()
    {
        Matrix<double> x = Matrix<double>.Build.DenseOfRowArrays([0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]);
        Vector<double> y = Vector<double>.Build.DenseOfArray([0.0, 1.0, 1.0, 0.0]);
        NeuralNetwork network = NeuralNetwork.Create(inputs: 2, hidden: 4, seed: 0);

        double loss = network.Train(x, y, epochs: 5_000, learningRate: 1.0);

        Vector<double> p = network.PredictProbabilities(x);
        for (int i = 0; i < 4; i++)
        {
            (p[i] >= 0.5 ? 1 : 0).Should().Be((int)y[i], $"XOR({x[i, 0]}, {x[i, 1]}) = {y[i]}: no line separates XOR, but four tanh units bend the boundary (p = {p[i]:F3})");
        }

        loss.Should().BeLessThan(0.01, "5,000 steps of gradient descent drive the cross-entropy of four points close to 0");
    }

    [KataFact(Timeout = 60_000)]
    public void Two_moons_reach_scikit_learn_s_accuracy()
    {
        (Matrix<double> trainX, Vector<double> trainY) = Reference.Moons("train");
        (Matrix<double> testX, Vector<double> testY) = Reference.Moons("test");
        NeuralNetwork network = NeuralNetwork.Create(inputs: 2, hidden: (int)Reference.Number("mlp.hidden"), seed: 0);

        network.Train(trainX, trainY, epochs: 2_000, learningRate: 0.5);

        Vector<double> p = network.PredictProbabilities(testX);
        double accuracy = Enumerable.Range(0, testY.Count).Count(i => (p[i] >= 0.5 ? 1 : 0) == testY[i]) / (double)testY.Count;
        double sklearn = Reference.Number("mlp.accuracy");
        accuracy.Should().BeGreaterThanOrEqualTo(sklearn - 0.02, $"scikit-learn's MLPClassifier with 8 tanh units scores {sklearn:P1} on the same test rows");
    }

    [KataFact(Timeout = 60_000)]
    public void The_same_seed_gives_the_same_network_and_the_same_training()
    {
        (Matrix<double> x, Vector<double> y) = Reference.Moons("train");

        NeuralNetwork first = NeuralNetwork.Create(2, 6, seed: 9);
        NeuralNetwork again = NeuralNetwork.Create(2, 6, seed: 9);
        NeuralNetwork other = NeuralNetwork.Create(2, 6, seed: 10);

        again.HiddenWeights.Should().Be(first.HiddenWeights, "initial weights come from a source seeded with the seed");
        other.HiddenWeights.Should().NotBe(first.HiddenWeights);
        first.HiddenWeights.Enumerate().Distinct().Should().HaveCount(12, "random weights, all different: equal weights would keep the hidden units equal forever");
        first.Train(x, y, 50, 0.5).Should().Be(again.Train(x, y, 50, 0.5), "full-batch gradient descent has no randomness of its own");
    }
}
