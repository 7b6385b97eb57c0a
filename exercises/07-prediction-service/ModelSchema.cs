using System.Text.Json;
using System.Text.Json.Serialization;

namespace Katas.Prediction;

/// <summary>
/// Given code, the same in both trees: the metadata written beside the model file (model.json). The model file
/// takes a vector of floats and knows nothing of names: this record says which feature is at which index.
/// </summary>
public sealed record ModelSchema(
    string Version,
    IReadOnlyList<string> FeatureNames,
    NormalizationInfo Normalization,
    TrainingMetrics Metrics,
    int Seed,
    double TestFraction,
    string DataSha256,
    string ModelSha256)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public void Save(string path) => File.WriteAllText(path, JsonSerializer.Serialize(this, JsonOptions));

    /// <summary>Reads a metadata file; a file that is not this record's JSON throws <see cref="JsonException"/>.</summary>
    public static ModelSchema Read(string path) =>
        JsonSerializer.Deserialize<ModelSchema>(File.ReadAllText(path), JsonOptions)
        ?? throw new JsonException($"{path} holds null, not model metadata");
}

/// <summary>The affine normalisation inside the model: x' = (x - offset) * scale per feature (no offsets: 0).</summary>
public sealed record NormalizationInfo(string Kind, IReadOnlyList<float> Offsets, IReadOnlyList<float> Scales);

/// <summary>Metrics on the held-out rows, which the model never saw in training.</summary>
public sealed record TrainingMetrics(
    double Accuracy,
    [property: JsonPropertyName("auc")] double Auc,
    [property: JsonPropertyName("f1")] double F1,
    double LogLoss,
    int TrainRows,
    int TestRows);
