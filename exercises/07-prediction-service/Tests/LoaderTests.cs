namespace Katas.Prediction.Tests;

[Exercise("7.2", "Load and validate the model at start-up", Points = 10, StudentFiles = "ModelLoader.cs", BuildsOn = "7.1", Hint = """
    A server that starts with a wrong model answers every request wrongly, and nothing tells you. What can go wrong
    between the trainer and the server (a file missing, truncated, from another run, a metadata file that names
    other features), and which of those can you detect before the first request? Each refusal must say what it saw.
    """, MoreHint = """
    ModelFiles.MetadataPath and ModelPath, File.Exists, ModelSchema.Read (JsonException), ModelFiles.Sha256 compared
    with the metadata's, MLContext.Model.Load(path, out DataViewSchema inputSchema) in a try, then the Features
    column's VectorDataViewType.Size against FeatureNames.Count; ModelLoadException with the file's path and the
    problem in the message. Then new ServingModel(schema, new EnginePool(...)). The hidden tests also corrupt the
    metadata, the model bytes (with a matching hash), and repeat a feature name.
    """, Recap = """
    Fail fast at start-up: validate every assumption about an artefact before serving it, and make the error name
    the artefact and the problem (the Rust plan: a Result from a load fn, ? up to main, anyhow context on each step).
    """)]
public sealed class LoaderTests
{
    [KataFact]
    public void A_valid_folder_loads_and_predicts_like_the_trainer()
    {
        using ServingModel model = ModelLoader.Load(TrainedModel.V1.Directory);

        model.Version.Should().Be("v1");
        HeldOutPrediction row = TrainedModel.V1.HeldOut[0];
        model.Predict(row.Features).Probability.Should().Be(row.Probability, "the loaded model is the trained one, to the last bit");
    }

    [KataFact]
    public void A_missing_model_file_is_named()
    {
        string folder = TrainedModel.CopyOfV1();
        File.Delete(ModelFiles.ModelPath(folder));

        FluentActions.Invoking(() => ModelLoader.Load(folder)).Should().Throw<ModelLoadException>()
            .Which.Message.Should().Contain(ModelFiles.ModelFileName).And.Contain("missing", "the message names the file and the problem");
    }

    [KataFact]
    public void A_model_file_that_is_not_the_one_hashed_is_refused()
    {
        string folder = TrainedModel.CopyOfV1();
        File.AppendAllText(ModelFiles.ModelPath(folder), "x");

        FluentActions.Invoking(() => ModelLoader.Load(folder)).Should().Throw<ModelLoadException>()
            .Which.Message.Should().Contain("hash", "a model file whose SHA-256 is not the metadata's is another model (or a damaged one)");
    }

    [KataFact]
    public void Metadata_naming_other_features_than_the_model_takes_is_refused()
    {
        string folder = TrainedModel.CopyOfV1();
        string metadata = ModelFiles.MetadataPath(folder);
        ModelSchema schema = ModelSchema.Read(metadata);
        (schema with { FeatureNames = [.. schema.FeatureNames.Skip(1)] }).Save(metadata);

        FluentActions.Invoking(() => ModelLoader.Load(folder)).Should().Throw<ModelLoadException>()
            .Which.Message.Should().Contain("feature", "29 names for a model that takes 30 values: which value is which?");
    }

    [KataFact]
    public async Task The_service_does_not_start_without_a_valid_model()
    {
        string folder = TrainedModel.CopyOfV1();
        File.Delete(ModelFiles.ModelPath(folder));

        Func<Task> start = () => PredictionTestHost.StartAsync(folder);

        await start.Should().ThrowAsync<ModelLoadException>("the host loads the model before it listens: start-up fails, naming the problem");
    }
}
