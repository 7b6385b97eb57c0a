using BenchmarkDotNet.Attributes;
using Katas.Statistics.Tests;

namespace Katas.Statistics.Benchmarks;

/// <summary>
/// Exercises 6.11 and 6.12: training the hand-written tree and SVM against ML.NET's FastTree and LinearSvm on the
/// breast-cancer split (398 training rows, 30 features). The ML.NET figures include loading the rows into an
/// IDataView and scoring the 171 test rows; the accuracies are in the README.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkDotNet.Configs.BenchmarkLogicalGroupRule.ByCategory)]
public class ClassifierBenchmarks
{
    private (double[][] TrainX, int[] TrainY, double[][] TestX, int[] TestY) _raw;
    private (double[][] TrainX, int[] TrainY, double[][] TestX, int[] TestY) _scaled;

    [GlobalSetup]
    public void Setup()
    {
        _raw = Reference.Split("breast-cancer.csv");
        _scaled = Reference.SvmSplit();
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("tree")]
    public double FastTree() => FastTreeBaseline.Accuracy(_raw.TrainX, _raw.TrainY, _raw.TestX, _raw.TestY, 20, 8, 5, seed: 0);

    [Benchmark]
    [BenchmarkCategory("tree")]
    public double CartByHand()
    {
        DecisionTree tree = DecisionTree.Fit(_raw.TrainX, _raw.TrainY, maxDepth: 4, minSamplesLeaf: 5);
        return _raw.TestX.Where((row, i) => tree.Predict(row) == _raw.TestY[i]).Count() / (double)_raw.TestX.Length;
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("svm")]
    public double MlNetLinearSvm() => LinearSvmBaseline.Accuracy(_scaled.TrainX, _scaled.TrainY, _scaled.TestX, _scaled.TestY, 10, 0.01, seed: 0);

    [Benchmark]
    [BenchmarkCategory("svm")]
    public double PegasosByHand()
    {
        PegasosSvm svm = PegasosSvm.Train(_scaled.TrainX, _scaled.TrainY, 0.01, 50_000, seed: 0);
        return _scaled.TestX.Where((row, i) => svm.Predict(row) == _scaled.TestY[i]).Count() / (double)_scaled.TestX.Length;
    }
}
