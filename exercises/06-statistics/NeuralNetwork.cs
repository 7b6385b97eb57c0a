using MathNet.Numerics.LinearAlgebra;

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

        // TODO: the initial parameters described in the remarks, from a seeded source.
        throw new NotImplementedException("Exercise 6.13 (NeuralNetwork.Create) is not solved yet. Hint: dotnet run --project grader -- hint 6.13");
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

        // TODO: the forward pass.
        throw new NotImplementedException("Exercise 6.13 (NeuralNetwork.PredictProbabilities) is not solved yet. Hint: dotnet run --project grader -- hint 6.13");
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

        // TODO: validate as documented; the mean binary cross-entropy, never log(0).
        throw new NotImplementedException("Exercise 6.13 (NeuralNetwork.Loss) is not solved yet. Hint: dotnet run --project grader -- hint 6.13");
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

        // TODO: validate as documented; back-propagation through the output sigmoid and the hidden tanh.
        throw new NotImplementedException("Exercise 6.13 (NeuralNetwork.Gradient) is not solved yet. Hint: dotnet run --project grader -- hint 6.13");
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

        // TODO: validate as documented; full-batch gradient descent.
        throw new NotImplementedException("Exercise 6.13 (NeuralNetwork.Train) is not solved yet. Hint: dotnet run --project grader -- hint 6.13");
    }
}
