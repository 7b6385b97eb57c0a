using Katas.Statistics.Tests;
using MathNet.Numerics.LinearAlgebra;

namespace Katas.Statistics.HiddenTests;

[HiddenTests("6.13")]
public sealed class NeuralNetworkHiddenTests
{
    [KataFact]
    public void Zero_weights_predict_one_half_and_a_confident_right_answer_costs_nothing()
    {
        NeuralNetwork zero = NeuralNetwork.FromParameters(Matrix<double>.Build.Dense(2, 3), Vector<double>.Build.Dense(3), Vector<double>.Build.Dense(3), 0);
        Matrix<double> x = Matrix<double>.Build.DenseOfRowArrays([1.0, 2.0], [-1.0, 0.5]);

        zero.PredictProbabilities(x).Should().OnlyContain(p => p == 0.5, "σ(0) = ½");
        zero.Loss(x, Vector<double>.Build.DenseOfArray([0.0, 1.0])).Should().BeApproximately(Math.Log(2), 1e-12, "−log ½ per row");

        NeuralNetwork sure = NeuralNetwork.FromParameters(Matrix<double>.Build.Dense(2, 1), Vector<double>.Build.Dense(1), Vector<double>.Build.Dense(1), 800);
        double loss = sure.Loss(x, Vector<double>.Build.DenseOfArray([1.0, 1.0]));
        loss.Should().BeInRange(0, 1e-12, "p = σ(800) rounds to 1: the loss is log 1 = 0, and must not become NaN");
        double wrong = sure.Loss(x, Vector<double>.Build.DenseOfArray([0.0, 0.0]));
        double.IsFinite(wrong).Should().BeTrue("a confident wrong answer costs a lot, but log(0) = −∞ must be kept out by clamping");
    }

    [KataFact]
    public void Zero_epochs_change_nothing_and_training_lowers_the_loss()
    {
        (Matrix<double> x, Vector<double> y) = Reference.Moons("train");
        NeuralNetwork network = NeuralNetwork.Create(2, 4, seed: 1);
        Matrix<double> before = network.HiddenWeights;
        double initial = network.Loss(x, y);

        network.Train(x, y, epochs: 0, learningRate: 0.5).Should().Be(initial);
        network.HiddenWeights.Should().Be(before);
        network.Train(x, y, epochs: 200, learningRate: 0.5).Should().BeLessThan(initial, "each step goes downhill for a small enough rate");
        network.HiddenWeights.Should().NotBe(before);
        Matrix<double> copy = network.HiddenWeights;
        copy[0, 0] = 99;
        network.HiddenWeights[0, 0].Should().NotBe(99, "HiddenWeights hands out a copy: changing it does not change the network");
    }

    [KataFact]
    public void Bad_input_gets_a_clear_error()
    {
        NeuralNetwork network = NeuralNetwork.Create(2, 3, seed: 0);
        Matrix<double> x = Matrix<double>.Build.DenseOfRowArrays([1.0, 2.0], [3.0, 4.0]);

        FluentActions.Invoking(() => network.Loss(x, Vector<double>.Build.DenseOfArray([0.0, 2.0]))).Should().Throw<ArgumentException>("labels are 0 or 1");
        FluentActions.Invoking(() => network.Loss(x, Vector<double>.Build.DenseOfArray([0.0]))).Should().Throw<ArgumentException>("two rows, one label");
        FluentActions.Invoking(() => network.PredictProbabilities(Matrix<double>.Build.Dense(2, 3))).Should().Throw<ArgumentException>("three columns for two inputs");
        FluentActions.Invoking(() => network.Train(x, Vector<double>.Build.DenseOfArray([0.0, 1.0]), 10, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => NeuralNetwork.Create(0, 3, 0)).Should().Throw<ArgumentOutOfRangeException>();
        FluentActions.Invoking(() => NeuralNetwork.FromParameters(Matrix<double>.Build.Dense(2, 3), Vector<double>.Build.Dense(2), Vector<double>.Build.Dense(3), 0))
            .Should().Throw<ArgumentException>("b1 needs one entry per hidden unit");
    }
}
