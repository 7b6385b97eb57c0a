// Mistake: an unseeded Random, so every run draws the examples in another order and trains another model.
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

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
        int d = CheckData(x, y);

        var w = new double[d + 1]; // the last entry is the bias
        var random = new Random(); // bug
        for (int t = 1; t <= iterations; t++)
        {
            int i = random.Next(x.Length);
            double eta = 1 / (lambda * t);
            double margin = y[i] * (Dot(w, x[i]) + w[d]);

            // The sub-gradient of λ/2‖w‖² + hinge at example i is λw − yᵢxᵢ when the margin is below 1, and λw
            // otherwise: w always shrinks by (1 − ηλ), and moves towards yᵢxᵢ only when the example is inside
            // the margin. The step 1/(λt) is what makes the method converge without tuning a learning rate.
            double shrink = 1 - (eta * lambda);
            for (int j = 0; j <= d; j++)
            {
                w[j] *= shrink;
            }

            if (margin < 1)
            {
                for (int j = 0; j < d; j++)
                {
                    w[j] += eta * y[i] * x[i][j];
                }

                w[d] += eta * y[i];
            }
        }

        return new PegasosSvm(w[..d], w[d]);
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

        double sum = Bias;
        for (int j = 0; j < row.Count; j++)
        {
            sum += Weights[j] * row[j];
        }

        return sum;
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
        CheckData(x, y);
        double norm = (Bias * Bias) + Weights.Sum(v => v * v);
        double hinge = x.Select((row, i) => Math.Max(0, 1 - (y[i] * Decision(row)))).Average();
        return (lambda / 2 * norm) + hinge;
    }

    private static double Dot(double[] w, double[] x)
    {
        double sum = 0;
        for (int j = 0; j < x.Length; j++)
        {
            sum += w[j] * x[j];
        }

        return sum;
    }

    private static int CheckData(double[][] x, int[] y)
    {
        if (x.Length == 0 || x.Length != y.Length)
        {
            throw new ArgumentException($"There are {x.Length} rows and {y.Length} labels: both must be the same, and not 0.", nameof(y));
        }

        int width = x[0].Length;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i].Length != width)
            {
                throw new ArgumentException($"Row {i} has {x[i].Length} features; row 0 has {width}.", nameof(x));
            }

            if (y[i] is not (-1 or 1))
            {
                throw new ArgumentException($"Label {i} is {y[i]}: an SVM's labels are −1 and +1.", nameof(y));
            }
        }

        return width;
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
        int width = Check(trainX, trainY, 0, nameof(trainX));
        Check(testX, testY, width, nameof(testX));

        var ml = new MLContext(seed: seed);
        SchemaDefinition schema = SchemaDefinition.Create(typeof(SignedRow));
        schema[nameof(SignedRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        IDataView train = ml.Data.LoadFromEnumerable(SignedRow.Of(trainX, trainY), schema);
        IDataView test = ml.Data.LoadFromEnumerable(SignedRow.Of(testX, testY), schema);

        var trainer = ml.BinaryClassification.Trainers.LinearSvm(new LinearSvmTrainer.Options
        {
            LabelColumnName = nameof(SignedRow.Label),
            FeatureColumnName = nameof(SignedRow.Features),
            NumberOfIterations = numberOfIterations,
            Lambda = (float)lambda,
        });
        var model = trainer.Fit(train);

        // An SVM gives a margin, not a probability: the non-calibrated metrics are the ones it has.
        return ml.BinaryClassification.EvaluateNonCalibrated(model.Transform(test), nameof(SignedRow.Label)).Accuracy;
    }

    private static int Check(double[][] x, int[] y, int width, string name)
    {
        if (x.Length == 0 || x.Length != y.Length)
        {
            throw new ArgumentException($"{name} has {x.Length} rows and {y.Length} labels: both must be the same, and not 0.", name);
        }

        width = width == 0 ? x[0].Length : width;
        for (int i = 0; i < x.Length; i++)
        {
            if (x[i].Length != width)
            {
                throw new ArgumentException($"Row {i} of {name} has {x[i].Length} features, not {width}.", name);
            }

            if (y[i] is not (-1 or 1))
            {
                throw new ArgumentException($"Label {i} of {name} is {y[i]}: an SVM's labels are −1 and +1.", name);
            }
        }

        return width;
    }

    /// <summary>One row as ML.NET reads it: true for +1, and single-precision features.</summary>
    private sealed class SignedRow
    {
        public bool Label { get; set; }

        public float[] Features { get; set; } = [];

        public static IEnumerable<SignedRow> Of(double[][] x, int[] y) =>
            x.Select((row, i) => new SignedRow { Label = y[i] == 1, Features = [.. row.Select(v => (float)v)] });
    }
}
