using Microsoft.ML;

namespace Katas.Statistics;

/// <summary>
/// Exercise 6.12: a linear support vector machine trained by hand with Pegasos (Shalev-Shwartz, Singer, Srebro
/// and Cotter, 2011), stochastic sub-gradient descent on the primal objective
/// λ/2 (‖w‖² + b²) + (1/n) Σ max(0, 1 − yᵢ(w·xᵢ + b)).
/// </summary>
/// <remarks>
/// The bias is learned as the weight of a constant feature 1, and so is regularised like the other weights
/// (as in the reference objective, scikit-learn's <c>LinearSVC(fit_intercept=False)</c> on x with a column of
/// ones). Labels are −1 and +1. The random order of the examples comes from a seeded <see cref="Random"/>.
/// </remarks>
public sealed class PegasosSvm
{
    private PegasosSvm(double[] weights, double bias)
    {
        Weights = weights;
        Bias = bias;
    }

    /// <summary>w, one weight per feature.</summary>
    public IReadOnlyList<double> Weights { get; }

    /// <summary>b, the weight of the constant feature.</summary>
    public double Bias { get; }

    /// <summary>Runs <paramref name="iterations"/> Pegasos steps from w = 0, b = 0, one random training example per step.</summary>
    /// <param name="x">The training rows, all of one length (standardise them first: the step size assumes comparable scales).</param>
    /// <param name="y">The label of each row, −1 or +1.</param>
    /// <param name="lambda">λ, the weight of the regulariser (positive): larger means a wider margin and more training errors.</param>
    /// <param name="iterations">The number of steps (at least 1).</param>
    /// <param name="seed">The seed of the random choice of examples: the same seed gives the same model.</param>
    /// <exception cref="ArgumentException">No rows, rows of different lengths, x and y of different lengths, or a label other than −1 and +1.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lambda"/> is not positive or <paramref name="iterations"/> is below 1.</exception>
    public static PegasosSvm Train(double[][] x, int[] y, double lambda, int iterations, int seed)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lambda);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);

        // TODO: validate as documented; Pegasos from w = 0 with the step 1/(λt), the examples drawn from a Random seeded with seed.
        throw new NotImplementedException("Exercise 6.12 (PegasosSvm.Train) is not solved yet. Hint: dotnet run --project grader -- hint 6.12");
    }

    /// <summary>w·x + b: positive on the +1 side of the hyperplane, and |value| / ‖w‖ from it.</summary>
    /// <exception cref="ArgumentException">The row has another number of features than the weights.</exception>
    public double Decision(IReadOnlyList<double> row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.Count != Weights.Count)
        {
            throw new ArgumentException($"The model has {Weights.Count} weights; the row has {row.Count} features.", nameof(row));
        }

        // TODO: w·x + b.
        throw new NotImplementedException("Exercise 6.12 (PegasosSvm.Decision) is not solved yet. Hint: dotnet run --project grader -- hint 6.12");
    }

    /// <summary>+1 when <see cref="Decision"/> is at least 0, −1 otherwise.</summary>
    public int Predict(IReadOnlyList<double> row) => Decision(row) >= 0 ? 1 : -1;

    /// <summary>The primal objective λ/2 (‖w‖² + b²) + (1/n) Σ max(0, 1 − yᵢ(w·xᵢ + b)) on the given rows.</summary>
    /// <exception cref="ArgumentException">As for <see cref="Train"/>, or rows of another length than the weights.</exception>
    public double Objective(double[][] x, int[] y, double lambda)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (Array.Find(x, row => row.Length != Weights.Count) is { } bad)
        {
            throw new ArgumentException($"The model has {Weights.Count} weights; a row has {bad.Length} features.", nameof(x));
        }

        // TODO: the primal objective in the summary.
        throw new NotImplementedException("Exercise 6.12 (PegasosSvm.Objective) is not solved yet. Hint: dotnet run --project grader -- hint 6.12");
    }
}

/// <summary>Exercise 6.12, second part: ML.NET's <c>LinearSvm</c> trainer (itself a Pegasos variant) on the same split.</summary>
public static class LinearSvmBaseline
{
    /// <summary>Trains ML.NET's <c>LinearSvm</c> binary classifier and returns its accuracy on the test rows (labels −1 and +1).</summary>
    /// <param name="trainX">The training rows, all of one length.</param>
    /// <param name="trainY">Their labels, −1 or +1.</param>
    /// <param name="testX">The test rows, as long as the training rows.</param>
    /// <param name="testY">Their labels, −1 or +1.</param>
    /// <param name="numberOfIterations">Passes over the training rows (at least 1).</param>
    /// <param name="lambda">The regulariser's weight (positive).</param>
    /// <param name="seed">The seed of the <see cref="MLContext"/>, which orders the examples.</param>
    /// <exception cref="ArgumentException">Empty sets, rows of different lengths, or a label other than −1 and +1.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A count or λ is out of its range.</exception>
    public static double Accuracy(double[][] trainX, int[] trainY, double[][] testX, int[] testY, int numberOfIterations, double lambda, int seed)
    {
        ArgumentNullException.ThrowIfNull(trainX);
        ArgumentNullException.ThrowIfNull(trainY);
        ArgumentNullException.ThrowIfNull(testX);
        ArgumentNullException.ThrowIfNull(testY);
        ArgumentOutOfRangeException.ThrowIfLessThan(numberOfIterations, 1);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lambda);

        // TODO: validate as documented; ML.NET's LinearSvm with these settings, trained on the training rows and scored on the test rows.
        throw new NotImplementedException("Exercise 6.12 (LinearSvmBaseline.Accuracy) is not solved yet. Hint: dotnet run --project grader -- hint 6.12");
    }
}
