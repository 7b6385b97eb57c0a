namespace Katas.Prediction.Tests;

/// <summary>
/// The model every test of the process shares: trained once (by your <see cref="ModelTrainer"/>, exercise 7.1)
/// into a temp folder, on first use. Training the 569 rows takes about a second.
/// </summary>
public static class TrainedModel
{
    /// <summary>fixtures/statistics/breast-cancer.csv, copied beside the test program.</summary>
    public static string DataPath { get; } = Path.Combine(AppContext.BaseDirectory, "fixtures", "statistics", "breast-cancer.csv");

    private static readonly string Root = CreateRoot();
    private static readonly Lazy<TrainingResult> Shared = new(() => ModelTrainer.Train(DataPath, NewFolder("v1"), "v1"));

    /// <summary>The model trained with seed 42, version "v1".</summary>
    public static TrainingResult V1 => Shared.Value;

    /// <summary>A new empty folder under this process's temp root (deleted when the process exits).</summary>
    public static string NewFolder(string name)
    {
        string path = Path.Combine(Root, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A copy of the v1 folder whose metadata says <paramref name="version"/> (the same model file and hash).</summary>
    public static string CopyAs(string version)
    {
        string folder = CopyOfV1();
        string metadata = ModelFiles.MetadataPath(folder);
        (ModelSchema.Read(metadata) with { Version = version }).Save(metadata);
        return folder;
    }

    /// <summary>A copy of the v1 folder, to damage.</summary>
    public static string CopyOfV1()
    {
        string folder = NewFolder("copy");
        File.Copy(ModelFiles.ModelPath(V1.Directory), ModelFiles.ModelPath(folder));
        File.Copy(ModelFiles.MetadataPath(V1.Directory), ModelFiles.MetadataPath(folder));
        return folder;
    }

    private static string CreateRoot()
    {
        string root = Path.Combine(Path.GetTempPath(), "katas-prediction-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A file still open at exit: the temp folder's own cleanup gets it.
            }
        };
        return root;
    }
}
