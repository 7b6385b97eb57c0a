using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Katas.Prediction.Protocol;

namespace Katas.Prediction.Benchmarks;

/// <summary>
/// Where the server's time for one Predict goes, without the network: reading the request's bytes (30 named
/// features), validating them (exercise 7.4), one prediction from the pool (7.3), and the whole call's work
/// including the answer's bytes; the baseline is the same for Ping (an empty message each way).
/// </summary>
[MemoryDiagnoser]
public class RequestBenchmarks : IDisposable
{
    private byte[] _pingBytes = [];
    private byte[] _predictBytes = [];
    private Features _request = null!;
    private float[] _vector = [];
    private ServingModel _model = null!;
    private string _folder = "";

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "katas-prediction-bench-" + Guid.NewGuid().ToString("N"));
        TrainingResult trained = ModelTrainer.Train(Path.Combine(AppContext.BaseDirectory, "fixtures", "statistics", "breast-cancer.csv"), _folder, "bench");
        _model = ModelLoader.Load(_folder);
        _vector = trained.HeldOut[0].Features;
        _request = new Features();
        for (int i = 0; i < _vector.Length; i++)
        {
            _request.Values.Add(new Feature { Name = _model.Schema.FeatureNames[i], Value = _vector[i] });
        }

        _predictBytes = _request.ToByteArray();
        _pingBytes = new PingRequest().ToByteArray();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _model?.Dispose();
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public int Ping() => PingRequest.Parser.ParseFrom(_pingBytes).CalculateSize() + new PingReply().ToByteArray().Length;

    [Benchmark]
    public int ReadRequest() => Features.Parser.ParseFrom(_predictBytes).Values.Count;

    [Benchmark]
    public int Validate() => FeatureValidator.ToVector(_request, _model.Schema.FeatureNames).Length;

    [Benchmark]
    public float PredictFromPool() => _model.Predict(_vector).Probability;

    [Benchmark]
    public int WholeCall()
    {
        Features request = Features.Parser.ParseFrom(_predictBytes);
        ModelOutput output = _model.Predict(FeatureValidator.ToVector(request, _model.Schema.FeatureNames));
        var answer = new PredictionResult { Label = output.PredictedLabel, Probability = output.Probability, Score = output.Score, ModelVersion = _model.Version };
        return answer.ToByteArray().Length;
    }
}
