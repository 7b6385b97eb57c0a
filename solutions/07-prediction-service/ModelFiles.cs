using System.Security.Cryptography;

namespace Katas.Prediction;

/// <summary>Given code, the same in both trees: where a model folder keeps its files, and their hashes.</summary>
public static class ModelFiles
{
    /// <summary>The trained pipeline (normaliser and logistic regression), as ML.NET saves it.</summary>
    public const string ModelFileName = "model.zip";

    /// <summary>What the model file alone does not say: feature names and order, version, metrics, hashes.</summary>
    public const string MetadataFileName = "model.json";

    public static string ModelPath(string directory) => Path.Combine(directory, ModelFileName);

    public static string MetadataPath(string directory) => Path.Combine(directory, MetadataFileName);

    /// <summary>The SHA-256 of a file, as lowercase hex.</summary>
    public static string Sha256(string path)
    {
        using FileStream stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>A model folder the service must not serve: the message names the file and the problem.</summary>
public sealed class ModelLoadException : Exception
{
    public ModelLoadException()
    {
    }

    public ModelLoadException(string message)
        : base(message)
    {
    }

    public ModelLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
