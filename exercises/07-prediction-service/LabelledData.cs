using System.Collections.Immutable;
using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace Katas.Prediction;

/// <summary>Given code, the same in both trees: one row as ML.NET reads it.</summary>
public sealed class ModelInput
{
    /// <summary>The feature values in the model's order (the metadata's FeatureNames).</summary>
    public float[] Features { get; set; } = [];

    public bool Label { get; set; }
}

/// <summary>What the model computes for one row.</summary>
public sealed class ModelOutput
{
    public bool PredictedLabel { get; set; }

    public float Probability { get; set; }

    public float Score { get; set; }
}

/// <summary>
/// Given code, the same in both trees: a labelled CSV (fixtures/statistics/breast-cancer.csv): a header, one
/// column per feature, then <c>label</c> (0 or 1); any <c>split</c> column is ignored (the trainer splits itself).
/// </summary>
public sealed class LabelledData
{
    private LabelledData(IReadOnlyList<string> featureNames, IReadOnlyList<ModelInput> rows, string sha256)
    {
        FeatureNames = featureNames;
        Rows = rows;
        Sha256 = sha256;
    }

    /// <summary>The feature columns in file order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    public IReadOnlyList<ModelInput> Rows { get; }

    /// <summary>The SHA-256 of the file's bytes: which data a model was trained on.</summary>
    public string Sha256 { get; }

    public static LabelledData Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string[] lines = File.ReadAllLines(path);
        if (lines.Length < 2)
        {
            throw new InvalidDataException($"{path} has no data rows");
        }

        string[] header = lines[0].Split(',');
        int label = Array.IndexOf(header, "label");
        if (label < 0)
        {
            throw new InvalidDataException($"{path} has no 'label' column");
        }

        int[] featureColumns = [.. Enumerable.Range(0, header.Length).Where(i => i != label && header[i] != "split")];
        var rows = new List<ModelInput>(lines.Length - 1);
        for (int line = 1; line < lines.Length; line++)
        {
            if (lines[line].Length == 0)
            {
                continue;
            }

            string[] cells = lines[line].Split(',');
            rows.Add(new ModelInput
            {
                Features = [.. featureColumns.Select(i => float.Parse(cells[i], NumberStyles.Float, CultureInfo.InvariantCulture))],
                Label = cells[label] == "1",
            });
        }

        return new LabelledData([.. featureColumns.Select(i => header[i])], rows, ModelFiles.Sha256(path));
    }
}

/// <summary>Given code, the same in both trees: ML.NET plumbing every step shares.</summary>
public static class Training
{
    /// <summary>The input schema for <paramref name="featureCount"/> features: ML.NET needs the vector's size.</summary>
    public static SchemaDefinition InputSchema(int featureCount)
    {
        SchemaDefinition schema = SchemaDefinition.Create(typeof(ModelInput));
        schema[nameof(ModelInput.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        return schema;
    }

    /// <summary>
    /// The normaliser's parameters inside a trained or loaded pipeline, for the metadata (and for anyone who must
    /// reproduce the model's input outside ML.NET).
    /// </summary>
    public static NormalizationInfo DescribeNormalization(ITransformer model)
    {
        ArgumentNullException.ThrowIfNull(model);
        NormalizingTransformer normalizer = (model as IEnumerable<ITransformer>)?.OfType<NormalizingTransformer>().FirstOrDefault()
            ?? throw new ArgumentException("the pipeline has no normaliser", nameof(model));
        if (normalizer.GetNormalizerModelParameters(0) is NormalizingTransformer.AffineNormalizerModelParameters<ImmutableArray<float>> affine)
        {
            return new NormalizationInfo("affine", [.. affine.Offset], [.. affine.Scale]);
        }

        return new NormalizationInfo(normalizer.GetNormalizerModelParameters(0).GetType().Name, [], []);
    }
}
