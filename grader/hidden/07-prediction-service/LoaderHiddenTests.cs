using Katas.Prediction.Tests;

namespace Katas.Prediction.HiddenTests;

[HiddenTests("7.2")]
public sealed class LoaderHiddenTests
{
    private static string Refusal(string folder) =>
        FluentActions.Invoking(() => ModelLoader.Load(folder)).Should().Throw<ModelLoadException>().Which.Message;

    [KataFact]
    public void Missing_metadata_is_named()
    {
        string folder = TrainedModel.CopyOfV1();
        File.Delete(ModelFiles.MetadataPath(folder));

        Refusal(folder).Should().Contain(ModelFiles.MetadataFileName).And.Contain("missing");
    }

    [KataFact]
    public void Metadata_that_is_not_json_is_corrupt()
    {
        string folder = TrainedModel.CopyOfV1();
        File.WriteAllText(ModelFiles.MetadataPath(folder), "{ not json");

        Refusal(folder).Should().Contain(ModelFiles.MetadataFileName).And.Contain("corrupt");
    }

    [KataFact]
    public void Metadata_without_its_fields_is_refused_not_a_null_reference()
    {
        string folder = TrainedModel.CopyOfV1();
        File.WriteAllText(ModelFiles.MetadataPath(folder), "{}");

        Refusal(folder).Should().Contain(ModelFiles.MetadataFileName);
    }

    [KataFact]
    public void A_model_file_ml_net_cannot_read_is_corrupt_even_with_a_matching_hash()
    {
        string folder = TrainedModel.CopyOfV1();
        string model = ModelFiles.ModelPath(folder);
        File.WriteAllBytes(model, [.. Enumerable.Range(0, 1000).Select(i => (byte)i)]);
        string metadata = ModelFiles.MetadataPath(folder);
        (ModelSchema.Read(metadata) with { ModelSha256 = ModelFiles.Sha256(model) }).Save(metadata);

        Refusal(folder).Should().Contain(ModelFiles.ModelFileName).And.Contain("corrupt");
    }

    [KataFact]
    public void A_feature_named_twice_is_refused()
    {
        string folder = TrainedModel.CopyOfV1();
        string metadata = ModelFiles.MetadataPath(folder);
        ModelSchema schema = ModelSchema.Read(metadata);
        (schema with { FeatureNames = [.. schema.FeatureNames.Take(29), schema.FeatureNames[0]] }).Save(metadata);

        Refusal(folder).Should().Contain(schema.FeatureNames[0], "30 names for 30 values, but one twice: the message names it");
    }

    [KataFact]
    public void A_hash_in_upper_case_is_the_same_hash()
    {
        string folder = TrainedModel.CopyOfV1();
        string metadata = ModelFiles.MetadataPath(folder);
        ModelSchema schema = ModelSchema.Read(metadata);
        (schema with { ModelSha256 = schema.ModelSha256.ToUpperInvariant() }).Save(metadata);

        using ServingModel model = ModelLoader.Load(folder);
        model.Version.Should().Be("v1", "hex digits are case-insensitive");
    }

    [KataFact]
    public void A_missing_folder_is_refused_and_null_is_the_callers_mistake()
    {
        Refusal(Path.Combine(TrainedModel.NewFolder("none"), "absent")).Should().Contain("missing");
        FluentActions.Invoking(() => ModelLoader.Load(null!)).Should().Throw<ArgumentNullException>();
    }
}
