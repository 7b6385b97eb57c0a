using System.Text.RegularExpressions;
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

    [KataFact]
    public void Every_bad_argument_names_its_parameter()
    {
        NeuralNetwork network = NeuralNetwork.Create(2, 3, seed: 0);
        Matrix<double> x = Matrix<double>.Build.DenseOfRowArrays([1.0, 2.0], [3.0, 4.0]);
        Vector<double> y = Vector<double>.Build.DenseOfArray([0.0, 1.0]);
        Matrix<double> w1 = Matrix<double>.Build.Dense(2, 3);
        Vector<double> three = Vector<double>.Build.Dense(3);

        FluentActions.Invoking(() => NeuralNetwork.Create(0, 3, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("inputs");
        FluentActions.Invoking(() => NeuralNetwork.Create(2, 0, 0)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("hidden");
        FluentActions.Invoking(() => NeuralNetwork.FromParameters(null!, three, three, 0)).Should().Throw<ArgumentNullException>().WithParameterName("hiddenWeights");
        FluentActions.Invoking(() => NeuralNetwork.FromParameters(w1, null!, three, 0)).Should().Throw<ArgumentNullException>().WithParameterName("hiddenBiases");
        FluentActions.Invoking(() => NeuralNetwork.FromParameters(w1, three, null!, 0)).Should().Throw<ArgumentNullException>().WithParameterName("outputWeights");
        FluentActions.Invoking(() => NeuralNetwork.FromParameters(w1, Vector<double>.Build.Dense(3, 4.0), Vector<double>.Build.Dense(2, 4.0), 0))
            .Should().Throw<ArgumentException>("w2 needs one entry per hidden unit too").WithParameterName("hiddenWeights").WithMessage("*hidden units*")
            .Where(e => Regex.IsMatch(e.Message, @"\b3\b.*\b3\b.*\b2\b"), "the message gives the sizes: 3 hidden units, 3 biases, 2 output weights");
        FluentActions.Invoking(() => network.PredictProbabilities(null!)).Should().Throw<ArgumentNullException>().WithParameterName("x");
        FluentActions.Invoking(() => network.Loss(null!, y)).Should().Throw<ArgumentNullException>().WithParameterName("x");
        FluentActions.Invoking(() => network.Loss(x, null!)).Should().Throw<ArgumentNullException>().WithParameterName("y");
        FluentActions.Invoking(() => network.Gradient(null!, y)).Should().Throw<ArgumentNullException>().WithParameterName("x");
        FluentActions.Invoking(() => network.Gradient(x, null!)).Should().Throw<ArgumentNullException>().WithParameterName("y");
        FluentActions.Invoking(() => network.Train(null!, y, 1, 0.1)).Should().Throw<ArgumentNullException>().WithParameterName("x");
        FluentActions.Invoking(() => network.Train(x, null!, 1, 0.1)).Should().Throw<ArgumentNullException>().WithParameterName("y");
        FluentActions.Invoking(() => network.Train(x, y, -1, 0.1)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("epochs");
        FluentActions.Invoking(() => network.Train(x, y, 1, -0.5)).Should().Throw<ArgumentOutOfRangeException>().WithParameterName("learningRate");
    }

    [KataFact]
    public void Batches_of_the_wrong_shape_or_with_bad_labels_are_rejected_before_any_arithmetic()
    {
        NeuralNetwork network = NeuralNetwork.Create(2, 3, seed: 0);
        Matrix<double> x = Matrix<double>.Build.DenseOfRowArrays([1.0, 2.0], [3.0, 4.0]);
        Matrix<double> wide = Matrix<double>.Build.Dense(2, 3);
        Vector<double> y = Vector<double>.Build.DenseOfArray([0.0, 1.0]);
        Vector<double> half = Vector<double>.Build.DenseOfArray([0.0, 0.5]);
        Matrix<double> noRows = Matrix<double>.Build.Dense(0, 2);
        Vector<double> noLabels = Vector<double>.Build.Dense(0);

        FluentActions.Invoking(() => network.PredictProbabilities(wide)).Should().Throw<ArgumentException>().WithParameterName("x").WithMessage("*inputs*");
        FluentActions.Invoking(() => network.Loss(wide, y)).Should().Throw<ArgumentException>().WithParameterName("x").WithMessage("*inputs*");
        FluentActions.Invoking(() => network.Gradient(wide, y)).Should().Throw<ArgumentException>().WithParameterName("x").WithMessage("*inputs*");
        FluentActions.Invoking(() => network.Train(wide, y, 1, 0.1)).Should().Throw<ArgumentException>().WithParameterName("x").WithMessage("*inputs*");
        FluentActions.Invoking(() => network.Loss(noRows, noLabels)).Should().Throw<ArgumentException>("a loss over no rows is 0 / 0").WithParameterName("y").WithMessage("*label*");
        FluentActions.Invoking(() => network.Gradient(noRows, noLabels)).Should().Throw<ArgumentException>().WithParameterName("y").WithMessage("*label*");
        FluentActions.Invoking(() => network.Loss(x, Vector<double>.Build.Dense(3))).Should().Throw<ArgumentException>("two rows, three labels").WithParameterName("y").WithMessage("*label*")
            .Where(e => Regex.IsMatch(e.Message, @"\b2\b") && Regex.IsMatch(e.Message, @"\b3\b"), "the message gives both counts, 2 rows and 3 labels");
        FluentActions.Invoking(() => network.Gradient(x, Vector<double>.Build.Dense(1))).Should().Throw<ArgumentException>().WithParameterName("y").WithMessage("*label*");
        FluentActions.Invoking(() => network.Loss(x, half)).Should().Throw<ArgumentException>("a label is 0 or 1, not a probability").WithParameterName("y").WithMessage("*label*");
        FluentActions.Invoking(() => network.Gradient(x, half)).Should().Throw<ArgumentException>().WithParameterName("y").WithMessage("*label*");
        FluentActions.Invoking(() => network.Train(x, half, 0, 0.1)).Should().Throw<ArgumentException>("even zero epochs validate the batch").WithParameterName("y");
    }

    [KataFact]
    public void Initial_weights_have_variance_one_over_the_fan_in()
    {
        NeuralNetwork network = NeuralNetwork.Create(inputs: 100, hidden: 200, seed: 4);

        double[] w1 = network.HiddenWeights.Enumerate().ToArray();
        double[] w2 = network.OutputWeights.ToArray();

        w1.Average(v => v * v).Should().BeApproximately(1.0 / 100, 0.1 / 100, "W1 ~ N(0, 1/inputs): 20,000 draws with variance 1/100");
        w2.Average(v => v * v).Should().BeApproximately(1.0 / 200, 0.3 / 200, "w2 ~ N(0, 1/hidden): 200 draws with variance 1/200");
        network.HiddenBiases.Should().OnlyContain(b => b == 0, "the biases start at 0");
        network.OutputBias.Should().Be(0);
        network.InputCount.Should().Be(100);
    }

    [KataFact]
    public void With_every_weight_zero_one_step_moves_only_the_output_bias_and_downhill()
    {
        NeuralNetwork network = NeuralNetwork.FromParameters(Matrix<double>.Build.Dense(2, 3), Vector<double>.Build.Dense(3), Vector<double>.Build.Dense(3), 0);
        Matrix<double> x = Matrix<double>.Build.DenseOfRowArrays([1.0, 2.0], [-1.0, 0.5]);

        network.Train(x, Vector<double>.Build.DenseOfArray([1.0, 1.0]), epochs: 1, learningRate: 1);

        network.OutputBias.Should().BeApproximately(0.5, 1e-12, "∂L/∂b2 = Σ (p − y) / n = (½ − 1) = −½, and the step goes against the gradient: b2 = 0 − 1 · (−½)");
        network.OutputWeights.Should().OnlyContain(w => w == 0, "the hidden layer outputs tanh(0) = 0: nothing for w2 to learn from");
        network.HiddenWeights.Enumerate().Should().OnlyContain(w => w == 0, "w2 = 0 carries no error back to W1");
    }
}
