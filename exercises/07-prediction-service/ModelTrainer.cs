namespace Katas.Prediction;

/// <summary>One held-out row and what the trained model said about it.</summary>
public sealed record HeldOutPrediction(float[] Features, bool Label, bool PredictedLabel, float Probability, float Score);

/// <summary>What <see cref="ModelTrainer.Train"/> wrote, and its predictions on the rows it held out.</summary>
public sealed record TrainingResult(string Directory, ModelSchema Schema, IReadOnlyList<HeldOutPrediction> HeldOut);

/// <summary>Exercise 7.1: the offline step. Train, evaluate on rows the model never saw, write model and metadata.</summary>
public static class ModelTrainer
{
    public const int DefaultSeed = 42;

    /// <summary>The share of rows held out for evaluation.</summary>
    public const double TestFraction = 0.2;

    /// <summary>
    /// Splits <paramref name="dataPath"/> (a <see cref="LabelledData"/> CSV) into train and test rows with
    /// <paramref name="seed"/>, fits a mean-variance normaliser and an L-BFGS logistic regression on the train rows,
    /// evaluates on the test rows, and writes model.zip and model.json (<see cref="ModelSchema"/>) into
    /// <paramref name="outputDirectory"/>. The same data and seed give the same model and the same metrics.
    /// </summary>
    public static TrainingResult Train(string dataPath, string outputDirectory, string version, int seed = DefaultSeed)
    {
        // TODO: load the data (LabelledData), split it into train and held-out rows (TestFraction) so that the same
        // seed always gives the same split, train a logistic regression on normalised features from the train rows
        // only, and evaluate it on the held-out rows only. Write the model file and the metadata (ModelSchema: the
        // features in the model's order, the normalisation, the metrics, seed, TestFraction, and the SHA-256 of the
        // data and of the model file as saved) into outputDirectory, created if missing. Return the held-out rows'
        // predictions too. Two runs with the same seed must agree to the last bit. Null paths throw
        // ArgumentNullException, a blank version ArgumentException.
        throw new NotImplementedException("Exercise 7.1 (ModelTrainer.Train) is not solved yet. Hint: dotnet run --project grader -- hint 7.1");
    }
}
