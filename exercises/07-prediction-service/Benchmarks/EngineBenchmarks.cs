using BenchmarkDotNet.Attributes;
using Microsoft.ML;

namespace Katas.Prediction.Benchmarks;

/// <summary>
/// 400 predictions from four threads at once (100 each), per operation: the pool of exercise 7.3, one engine
/// behind a lock (correct, but the threads take turns), and a new engine per prediction (correct, but each one
/// compiles the pipeline again).
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks : IDisposable
{
    private const int Threads = 4;
    private const int PerThread = 100;
    private readonly Lock _lock = new();
    private MLContext _context = null!;
    private ITransformer _model = null!;
    private float[][] _rows = [];
    private EnginePool _pool = null!;
    private PredictionEngine<ModelInput, ModelOutput> _shared = null!;
    private string _folder = "";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "katas-prediction-bench-" + Guid.NewGuid().ToString("N"));
        TrainingResult trained = ModelTrainer.Train(Path.Combine(AppContext.BaseDirectory, "fixtures", "statistics", "breast-cancer.csv"), _folder, "bench");
        _rows = [.. trained.HeldOut.Select(r => r.Features)];
        _context = new MLContext(seed: 1);
        _model = _context.Model.Load(ModelFiles.ModelPath(_folder), out _);
        _pool = new EnginePool(_context, _model, _rows[0].Length, Threads * 2);
        _shared = NewEngine();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _pool?.Dispose();
        _shared?.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Threads * PerThread)]
    public float Pool() => Run(row => _pool.Predict(row).Probability);

    [Benchmark(OperationsPerInvoke = Threads * PerThread)]
    public float SharedEngineWithLock() => Run(row =>
    {
        lock (_lock)
        {
            return _shared.Predict(new ModelInput { Features = row }).Probability;
        }
    });

    [Benchmark(OperationsPerInvoke = Threads * PerThread)]
    public float EnginePerRequest() => Run(row =>
    {
        using PredictionEngine<ModelInput, ModelOutput> engine = NewEngine();
        return engine.Predict(new ModelInput { Features = row }).Probability;
    });

    private PredictionEngine<ModelInput, ModelOutput> NewEngine() =>
        _context.Model.CreatePredictionEngine<ModelInput, ModelOutput>(_model, inputSchemaDefinition: Training.InputSchema(_rows[0].Length));

    private float Run(Func<float[], float> predict)
    {
        var sums = new float[Threads];
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            float sum = 0;
            for (int i = 0; i < PerThread; i++)
            {
                sum += predict(_rows[((t * PerThread) + i) % _rows.Length]);
            }

            sums[t] = sum;
        });
        return sums.Sum();
    }
}
