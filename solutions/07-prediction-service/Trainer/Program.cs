using System.Globalization;
using Katas.Prediction;

// Trains the model offline: --data CSV (default: the breast cancer fixture), --out FOLDER (default: models/v1),
// --version NAME (default: the folder's name), --seed N (default 42). Prints the held-out metrics, which are also
// in the metadata (model.json) beside the model (model.zip).
string data = Path.Combine(AppContext.BaseDirectory, "fixtures", "statistics", "breast-cancer.csv");
string output = Path.Combine("models", "v1");
string? version = null;
int seed = ModelTrainer.DefaultSeed;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--data": data = args[i + 1]; break;
        case "--out": output = args[i + 1]; break;
        case "--version": version = args[i + 1]; break;
        case "--seed": seed = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}; options: --data CSV --out FOLDER --version NAME --seed N");
            return 2;
    }
}

version ??= Path.GetFileName(Path.GetFullPath(output).TrimEnd(Path.DirectorySeparatorChar));
TrainingResult result = ModelTrainer.Train(data, output, version, seed);
TrainingMetrics m = result.Schema.Metrics;
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"model {version}: {m.TrainRows} training rows, {m.TestRows} held out (seed {seed})"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"accuracy {m.Accuracy:F4}  AUC {m.Auc:F4}  F1 {m.F1:F4}  log-loss {m.LogLoss:F4}"));
Console.WriteLine($"wrote {ModelFiles.ModelPath(output)} (SHA-256 {result.Schema.ModelSha256}) and {ModelFiles.MetadataPath(output)}");
return 0;
