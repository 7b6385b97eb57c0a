using Katas.Prediction.Tests;
using Microsoft.ML;

namespace Katas.Prediction.HiddenTests;

[HiddenTests("7.1")]
public sealed class TrainerHiddenTests
{
    [KataFact]
    public void The_saved_model_is_the_evaluated_one()
    {
        var context = new MLContext(seed: 1);
        ITransformer model = context.Model.Load(ModelFiles.ModelPath(TrainedModel.V1.Directory), out _);
        using PredictionEngine<ModelInput, ModelOutput> engine = context.Model.CreatePredictionEngine<ModelInput, ModelOutput>(
            model, inputSchemaDefinition: Training.InputSchema(30));

        foreach (HeldOutPrediction row in TrainedModel.V1.HeldOut)
        {
            engine.Predict(new ModelInput { Features = row.Features }).Probability.Should().Be(row.Probability, "model.zip is the model whose held-out predictions were returned");
        }
    }

    [KataFact]
    public void Another_seed_holds_out_other_rows()
    {
        TrainingResult other = ModelTrainer.Train(TrainedModel.DataPath, TrainedModel.NewFolder("seed7"), "seed7", seed: 7);

        other.Schema.Seed.Should().Be(7, "the metadata records the seed");
        (other.Schema.Metrics.TrainRows + other.Schema.Metrics.TestRows).Should().Be(569);
        other.HeldOut.Select(r => r.Features[0]).Should().NotEqual(TrainedModel.V1.HeldOut.Select(r => r.Features[0]), "the seed decides the split");
    }

    [KataFact]
    public void A_missing_output_folder_is_created()
    {
        string folder = Path.Combine(TrainedModel.NewFolder("nested"), "a", "b");

        TrainingResult result = ModelTrainer.Train(TrainedModel.DataPath, folder, "nested");

        File.Exists(ModelFiles.ModelPath(folder)).Should().BeTrue("Train creates the output folder");
        result.Directory.Should().Be(folder);
    }

    [KataFact]
    public void Arguments_are_checked()
    {
        FluentActions.Invoking(() => ModelTrainer.Train(null!, "out", "v")).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ModelTrainer.Train(TrainedModel.DataPath, null!, "v")).Should().Throw<ArgumentNullException>();
        FluentActions.Invoking(() => ModelTrainer.Train(TrainedModel.DataPath, "out", " ")).Should().Throw<ArgumentException>("a model needs a version");
    }

    [KataFact]
    public void The_metadata_records_the_held_out_fraction_and_the_normaliser()
    {
        ModelSchema schema = ModelSchema.Read(ModelFiles.MetadataPath(TrainedModel.V1.Directory));

        schema.TestFraction.Should().Be(ModelTrainer.TestFraction);
        schema.Normalization.Scales.Should().HaveCount(30).And.OnlyContain(s => s > 0 && float.IsFinite(s), "mean-variance scales are 1/stddev");
        schema.Metrics.Should().Be(TrainedModel.V1.Schema.Metrics, "the metrics written are the metrics returned");
    }
}
