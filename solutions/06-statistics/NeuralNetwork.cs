using MathNet.Numerics.Distributions;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Random;

namespace Katas.Statistics;

/// <summary>The gradient of the loss with respect to every parameter of a <see cref="NeuralNetwork"/>, in the same shapes.</summary>
/// <param name="HiddenWeights">∂L/∂W1, inputs × hidden.</param>
/// <param name="HiddenBiases">∂L/∂b1, one per hidden unit.</param>
/// <param name="OutputWeights">∂L/∂w2, one per hidden unit.</param>
/// <param name="OutputBias">∂L/∂b2.</param>
public sealed record NetworkGradient(Matrix<double> HiddenWeights, Vector<double> HiddenBiases, Vector<double> OutputWeights, double OutputBias);

/// <summary>
/// Exercise 6.13: a multilayer perceptron with one hidden layer for binary classification, trained by
/// back-propagation and full-batch gradient descent on Math.NET matrices.
/// </summary>
/// <remarks>
/// For a batch X (n × inputs): H = tanh(X·W1 + b1) (n × hidden), p = σ(H·w2 + b2), and the loss is the mean
/// binary cross-entropy L = −(1/n) Σ [y log p + (1 − y) log(1 − p)]. The initial weights are drawn from
/// N(0, 1/fan-in) (Glorot-style scaling) with a seeded Mersenne Twister, the biases start at 0: the same seed
/// gives the same network, and the same training gives the same numbers, on every machine.
/// </remarks>
public sealed class NeuralNetwork
{
    private Matrix<double> _w1;
    private Vector<double> _b1;
    private Vector<double> _w2;
    private double _b2;

    private NeuralNetwork(Matrix<double> w1, Vector<double> b1, Vector<double> w2, double b2)
    {
        _w1 = w1;
        _b1 = b1;
        _w2 = w2;
        _b2 = b2;
    }

    /// <summary>The number of inputs: the columns every batch must have.</summary>
    public int InputCount => _w1.RowCount;

    /// <summary>W1, inputs × hidden (a copy).</summary>
    public Matrix<double> HiddenWeights => _w1.Clone();

    /// <summary>b1, one per hidden unit (a copy).</summary>
    public Vector<double> HiddenBiases => _b1.Clone();

    /// <summary>w2, one per hidden unit (a copy).</summary>
    public Vector<double> OutputWeights => _w2.Clone();

    /// <summary>b2.</summary>
    public double OutputBias => _b2;

    /// <summary>A network with random initial weights, N(0, 1/fan-in), from <paramref name="seed"/>, and zero biases.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is below 1.</exception>
    public static NeuralNetwork Create(int inputs, int hidden, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(hidden, 1);

        // Random, not zero: with equal weights every hidden unit computes the same function and receives the
        // same gradient, so they stay equal forever and the network is no better than one unit.
        var random = new MersenneTwister(seed);
        Matrix<double> w1 = Matrix<double>.Build.Random(inputs, hidden, new Normal(0, Math.Sqrt(1.0 / inputs), random));
        Vector<double> w2 = Vector<double>.Build.Random(hidden, new Normal(0, Math.Sqrt(1.0 / hidden), random));
        return new NeuralNetwork(w1, Vector<double>.Build.Dense(hidden), w2, 0);
    }

    /// <summary>A network with the given parameters (copied), e.g. to check gradients against finite differences.</summary>
    /// <exception cref="ArgumentException">The shapes do not agree: b1 and w2 need one entry per column of W1.</exception>
    public static NeuralNetwork FromParameters(Matrix<double> hiddenWeights, Vector<double> hiddenBiases, Vector<double> outputWeights, double outputBias)
    {
        ArgumentNullException.ThrowIfNull(hiddenWeights);
        ArgumentNullException.ThrowIfNull(hiddenBiases);
        ArgumentNullException.ThrowIfNull(outputWeights);
        if (hiddenBiases.Count != hiddenWeights.ColumnCount || outputWeights.Count != hiddenWeights.ColumnCount)
        {
            throw new ArgumentException($"W1 has {hiddenWeights.ColumnCount} hidden units, b1 {hiddenBiases.Count} and w2 {outputWeights.Count}.", nameof(hiddenWeights));
        }

        return new NeuralNetwork(hiddenWeights.Clone(), hiddenBiases.Clone(), outputWeights.Clone(), outputBias);
    }

    /// <summary>p = P(y = 1 | x) for each row of <paramref name="x"/>.</summary>
    /// <exception cref="ArgumentException"><paramref name="x"/> has another number of columns than the network has inputs.</exception>
    public Vector<double> PredictProbabilities(Matrix<double> x)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.ColumnCount != InputCount)
        {
            throw new ArgumentException($"The network has {InputCount} inputs; the rows have {x.ColumnCount} columns.", nameof(x));
        }

        return Forward(x).P;
    }

    /// <summary>The mean binary cross-entropy of the predictions for <paramref name="x"/> against the labels <paramref name="y"/> (0 or 1).</summary>
    /// <exception cref="ArgumentException">The shapes do not agree, there are no rows, or a label is not 0 or 1 (<c>ParamName</c> y for the labels).</exception>
    public double Loss(Matrix<double> x, Vector<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.ColumnCount != InputCount)
        {
            throw new ArgumentException($"The network has {InputCount} inputs; the rows have {x.ColumnCount} columns.", nameof(x));
        }

        CheckBatch(x, y);
        Vector<double> p = Forward(x).P;

        // Clamped away from 0 and 1 so that a confident right answer costs log(1) = 0 and never log(0) = −∞.
        double sum = 0;
        for (int i = 0; i < y.Count; i++)
        {
            double pi = Math.Clamp(p[i], 1e-15, 1 - 1e-15);
            sum -= (y[i] * Math.Log(pi)) + ((1 - y[i]) * Math.Log(1 - pi));
        }

        return sum / y.Count;
    }

    /// <summary>The gradient of <see cref="Loss"/> at the current parameters, by back-propagation.</summary>
    /// <exception cref="ArgumentException">As for <see cref="Loss"/>.</exception>
    public NetworkGradient Gradient(Matrix<double> x, Vector<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.ColumnCount != InputCount)
        {
            throw new ArgumentException($"The network has {InputCount} inputs; the rows have {x.ColumnCount} columns.", nameof(x));
        }

        CheckBatch(x, y);
        (Matrix<double> h, Vector<double> p) = Forward(x);

        // Sigmoid and cross-entropy together have the simplest derivative: ∂L/∂z = (p − y)/n for the
        // output's input z. The chain rule then carries it back one layer at a time.
        Vector<double> dz = (p - y) / y.Count;
        Vector<double> dw2 = h.TransposeThisAndMultiply(dz);
        double db2 = dz.Sum();

        // Into the hidden layer: ∂L/∂H = dz·w2ᵀ, and through tanh, whose derivative is 1 − tanh² = 1 − H².
        Matrix<double> da = dz.OuterProduct(_w2).PointwiseMultiply(h.Map(v => 1 - (v * v)));
        Matrix<double> dw1 = x.TransposeThisAndMultiply(da);
        Vector<double> db1 = da.ColumnSums();
        return new NetworkGradient(dw1, db1, dw2, db2);
    }

    /// <summary>Full-batch gradient descent: <paramref name="epochs"/> steps of θ ← θ − rate·∇L over all the rows.</summary>
    /// <returns>The loss after the last step.</returns>
    /// <exception cref="ArgumentException">As for <see cref="Loss"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> is negative or <paramref name="learningRate"/> is not positive.</exception>
    public double Train(Matrix<double> x, Vector<double> y, int epochs, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfNegative(epochs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(learningRate);
        if (x.ColumnCount != InputCount)
        {
            throw new ArgumentException($"The network has {InputCount} inputs; the rows have {x.ColumnCount} columns.", nameof(x));
        }

        CheckBatch(x, y);

        for (int epoch = 0; epoch < epochs; epoch++)
        {
            NetworkGradient g = Gradient(x, y);
            _w1 -= learningRate * g.HiddenWeights;
            _b1 -= learningRate * g.HiddenBiases;
            _w2 -= learningRate * g.OutputWeights;
            _b2 -= learningRate * g.OutputBias;
        }

        return Loss(x, y);
    }

    private (Matrix<double> H, Vector<double> P) Forward(Matrix<double> x)
    {
        Matrix<double> h = (x * _w1).MapIndexed((_, j, v) => Math.Tanh(v + _b1[j]));
        Vector<double> p = ((h * _w2) + _b2).Map(z => 1 / (1 + Math.Exp(-z)));
        return (h, p);
    }

    private static void CheckBatch(Matrix<double> x, Vector<double> y)
    {
        if (x.RowCount == 0 || y.Count != x.RowCount)
        {
            throw new ArgumentException($"There are {x.RowCount} rows and {y.Count} labels: both must be the same, and not 0.", nameof(y));
        }

        for (int i = 0; i < y.Count; i++)
        {
            if (y[i] is not (0 or 1))
            {
                throw new ArgumentException($"Label {i} is {y[i]}: the labels are 0 or 1.", nameof(y));
            }
        }
    }
}
