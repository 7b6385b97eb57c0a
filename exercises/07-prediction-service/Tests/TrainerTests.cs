namespace Katas.Prediction.Tests;

[Exercise("7.1", "Train, evaluate on held-out rows, write model and metadata", Points = 10, StudentFiles = "ModelTrainer.cs", Hint = """
    The offline step produces two things: a model file, and everything a server needs to trust and use it (which
    feature sits at which index, the version, how good it was, hashes). Which rows may the metrics come from, if
    they are to say anything about rows the model has never seen? And what makes two runs produce the same split?
    """, MoreHint = """
    MLContext(seed), Data.LoadFromEnumerable with Training.InputSchema, Data.TrainTestSplit(data, TestFraction,
    seed: seed); Transforms.NormalizeMeanVariance then BinaryClassification.Trainers.LbfgsLogisticRegression (one
    thread: NumberOfThreads = 1); BinaryClassification.Evaluate on the transformed test set; Model.Save with the
    input schema; ModelFiles.Sha256 of the saved file; Training.DescribeNormalization; ModelSchema.Save.
    """, Recap = """
    Training is a pure function of data, seed and code: fix the seed and the model, its metrics and its hash are
    reproducible (the Rust plan: linfa with a seeded rng, serde for the metadata). Metrics from held-out rows only.
    """)]
public sealed class TrainerTests
{
    [KataFact]
    public void Training_writes_the_model_and_its_metadata()
    {
        TrainingResult result = TrainedModel.V1;

        File.Exists(ModelFiles.ModelPath(result.Directory)).Should().BeTrue("Train writes model.zip into the output folder");
        File.Exists(ModelFiles.MetadataPath(result.Directory)).Should().BeTrue("Train writes model.json beside it");
        ModelSchema written = ModelSchema.Read(ModelFiles.MetadataPath(result.Directory));
        written.Version.Should().Be("v1", "the metadata carries the version Train was given");
        written.ModelSha256.Should().Be(ModelFiles.Sha256(ModelFiles.ModelPath(result.Directory)), "the metadata vouches for the model file's exact bytes (hash it after saving)");
        written.DataSha256.Should().Be(ModelFiles.Sha256(TrainedModel.DataPath), "the metadata says which data the model was trained on");
        written.Seed.Should().Be(ModelTrainer.DefaultSeed);
    }

    [KataFact]
    public void The_metadata_lists_the_features_in_the_models_order()
    {
        ModelSchema schema = TrainedModel.V1.Schema;

        schema.FeatureNames.Should().HaveCount(30, "the breast cancer data has 30 features");
        schema.FeatureNames.Should().Equal(LabelledData.Load(TrainedModel.DataPath).FeatureNames,
            "the model's vector is in the data's column order, and the metadata must say exactly that order");
        schema.Normalization.Scales.Should().HaveCount(30, "the normaliser has one scale per feature (Training.DescribeNormalization)");
    }

    [KataFact]
    public void Metrics_come_from_the_held_out_rows()
    {
        TrainingResult result = TrainedModel.V1;
        TrainingMetrics metrics = result.Schema.Metrics;

        (metrics.TrainRows + metrics.TestRows).Should().Be(569, "every row is either trained on or held out");
        metrics.TestRows.Should().BeInRange(90, 140, "about a fifth of the rows is held out (ModelTrainer.TestFraction)");
        result.HeldOut.Should().HaveCount(metrics.TestRows, "HeldOut has one prediction per held-out row");
        double accuracy = result.HeldOut.Count(p => p.PredictedLabel == p.Label) / (double)result.HeldOut.Count;
        metrics.Accuracy.Should().BeApproximately(accuracy, 1e-9, "the accuracy is that of the held-out predictions, not of the training rows");
        metrics.Accuracy.Should().BeGreaterThan(0.93, "a normalised logistic regression gets about 0.95 on this data");
        metrics.Auc.Should().BeGreaterThan(0.98);
        metrics.F1.Should().BeGreaterThan(0.93);
        metrics.LogLoss.Should().BeInRange(0.01, 0.3);
    }

    [KataFact]
    public void The_same_seed_gives_the_same_model()
    {
        TrainingResult again = ModelTrainer.Train(TrainedModel.DataPath, TrainedModel.NewFolder("again"), "again");

        again.Schema.Metrics.Should().Be(TrainedModel.V1.Schema.Metrics, "the same data and seed give the same split and the same fit");
        again.HeldOut.Select(p => p.Probability).Should().Equal(TrainedModel.V1.HeldOut.Select(p => p.Probability),
            "the same rows are held out and get the same probabilities, to the last bit (seed the context and the split)");
    }
}
