using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;

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

    private const string NormalizedFeatures = "NormalizedFeatures";

    /// <summary>
    /// Splits <paramref name="dataPath"/> (a <see cref="LabelledData"/> CSV) into train and test rows with
    /// <paramref name="seed"/>, fits a mean-variance normaliser and an L-BFGS logistic regression on the train rows,
    /// evaluates on the test rows, and writes model.zip and model.json (<see cref="ModelSchema"/>) into
    /// <paramref name="outputDirectory"/>. The same data and seed give the same model and the same metrics.
    /// </summary>
    public static TrainingResult Train(string dataPath, string outputDirectory, string version, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(dataPath);
        ArgumentNullException.ThrowIfNull(outputDirectory);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        LabelledData data = LabelledData.Load(dataPath);
        SchemaDefinition inputSchema = Training.InputSchema(data.FeatureNames.Count);

        // The context's seed drives every random choice ML.NET makes; the split gets the seed too, explicitly.
        var context = new MLContext(seed);
        IDataView all = context.Data.LoadFromEnumerable(data.Rows, inputSchema);
        DataOperationsCatalog.TrainTestData split = context.Data.TrainTestSplit(all, TestFraction, seed: seed);

        // Logistic regression's gradient steps assume features on comparable scales (area is ~1000, smoothness ~0.1).
        // One thread: a parallel sum adds in a different order each run, and the weights would differ in the last bits.
        // Into a column of its own: the scored rows keep the raw Features, which is what a client sends.
        var pipeline = context.Transforms.NormalizeMeanVariance(NormalizedFeatures, nameof(ModelInput.Features))
            .Append(context.BinaryClassification.Trainers.LbfgsLogisticRegression(new LbfgsLogisticRegressionBinaryTrainer.Options
            {
                LabelColumnName = nameof(ModelInput.Label),
                FeatureColumnName = NormalizedFeatures,
                NumberOfThreads = 1,
            }));
        var model = pipeline.Fit(split.TrainSet);

        // Evaluated on the held-out rows only: the training rows would flatter the model.
        IDataView scored = model.Transform(split.TestSet);
        CalibratedBinaryClassificationMetrics metrics = context.BinaryClassification.Evaluate(scored, nameof(ModelInput.Label));
        List<HeldOutPrediction> heldOut = [.. context.Data.CreateEnumerable<ScoredRow>(scored, reuseRowObject: false)
            .Select(r => new HeldOutPrediction(r.Features, r.Label, r.PredictedLabel, r.Probability, r.Score))];
        int testRows = heldOut.Count;

        Directory.CreateDirectory(outputDirectory);
        string modelPath = ModelFiles.ModelPath(outputDirectory);
        context.Model.Save(model, all.Schema, modelPath);
        var schema = new ModelSchema(
            version,
            data.FeatureNames,
            Training.DescribeNormalization(model),
            new TrainingMetrics(metrics.Accuracy, metrics.AreaUnderRocCurve, metrics.F1Score, metrics.LogLoss, data.Rows.Count - testRows, testRows),
            seed,
            TestFraction,
            data.Sha256,
            // Hashed after saving: the metadata vouches for these exact bytes.
            ModelFiles.Sha256(modelPath));
        schema.Save(ModelFiles.MetadataPath(outputDirectory));
        return new TrainingResult(outputDirectory, schema, heldOut);
    }

    private sealed class ScoredRow
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }

        public bool PredictedLabel { get; set; }

        public float Probability { get; set; }

        public float Score { get; set; }
    }
}
