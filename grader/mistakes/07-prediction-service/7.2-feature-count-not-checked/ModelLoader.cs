// Mistake: the metadata's feature list is taken on trust, whatever size of vector the model takes.
using System.Text.Json;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace Katas.Prediction;

/// <summary>Exercise 7.2: load a model folder and refuse it, with a message naming the problem, unless it is valid.</summary>
public static class ModelLoader
{
    /// <summary>
    /// Loads <paramref name="directory"/> (model.zip and model.json) into a model ready to serve, or throws
    /// <see cref="ModelLoadException"/> naming the file and the problem: metadata missing or not JSON, model file
    /// missing, its hash not the metadata's, not a model ML.NET can load, or taking another number of features
    /// than the metadata names (or names that are empty or repeated).
    /// </summary>
    public static ServingModel Load(string directory, int maximumEngines = 0)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentOutOfRangeException.ThrowIfNegative(maximumEngines);
        string metadataPath = ModelFiles.MetadataPath(directory);
        string modelPath = ModelFiles.ModelPath(directory);
        if (!File.Exists(metadataPath))
        {
            throw new ModelLoadException($"the model metadata {metadataPath} is missing");
        }

        ModelSchema schema;
        try
        {
            schema = ModelSchema.Read(metadataPath);
        }
        catch (JsonException e)
        {
            throw new ModelLoadException($"the model metadata {metadataPath} is corrupt: {e.Message}", e);
        }

        // JSON without a field leaves it null whatever the record says: check what the rest relies on.
        if (schema.FeatureNames is null || schema.FeatureNames.Count == 0 || string.IsNullOrEmpty(schema.ModelSha256) || schema.Version is null)
        {
            throw new ModelLoadException($"the model metadata {metadataPath} is corrupt: it lacks the version, the feature names or the model hash");
        }

        string? blank = schema.FeatureNames.FirstOrDefault(string.IsNullOrWhiteSpace);
        string? repeated = schema.FeatureNames.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;
        if (blank is not null || repeated is not null)
        {
            throw new ModelLoadException($"feature list mismatch: the metadata {metadataPath} names " +
                (repeated is not null ? $"the feature '{repeated}' twice" : "a feature with an empty name"));
        }

        if (!File.Exists(modelPath))
        {
            throw new ModelLoadException($"the model file {modelPath} is missing");
        }

        // The hash first: it is cheap, and it tells a model from another run apart before ML.NET reads anything.
        string actual = ModelFiles.Sha256(modelPath);
        if (!string.Equals(actual, schema.ModelSha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelLoadException($"hash mismatch: the model file {modelPath} has SHA-256 {actual}, the metadata says {schema.ModelSha256}");
        }

        var context = new MLContext(seed: schema.Seed);
        ITransformer model;
        DataViewSchema input;
        try
        {
            model = context.Model.Load(modelPath, out input);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // ML.NET throws several types for a damaged zip (InvalidDataException, FormatException, its own): all mean the same here.
            throw new ModelLoadException($"the model file {modelPath} is corrupt: {e.Message}", e);
        }

        DataViewSchema.Column? features = input.GetColumnOrNull(nameof(ModelInput.Features));
        int size = features?.Type is VectorDataViewType vector ? vector.Size : 0;
        if (size == 0) // bug
        {
            throw new ModelLoadException($"feature list mismatch: the model file {modelPath} takes {size} features, the metadata names {schema.FeatureNames.Count}");
        }

        int engines = maximumEngines > 0 ? maximumEngines : Environment.ProcessorCount * 2;
        return new ServingModel(schema, new EnginePool(context, model, size, engines));
    }
}
