using BenchmarkDotNet.Attributes;
using Google.Protobuf;
using Katas.Prediction.Protocol;

namespace Katas.Prediction.Benchmarks;

/// <summary>
/// Where the server's time for one Predict goes, without the network: reading the request's bytes (30 named
/// features), validating them (exercise 7.4), one prediction from the pool (7.3), and the whole call's work
/// including the answer's bytes; the baseline is the same for Ping (an empty message each way). The Batch cases
/// are the same pieces for a PredictBatch of 100 rows (the names once, then packed values), per row.
/// </summary>
[MemoryDiagnoser]
public class RequestBenchmarks : IDisposable
{
    private const int BatchRows = 100;
    private byte[] _pingBytes = [];
    private byte[] _predictBytes = [];
    private byte[] _batchBytes = [];
    private FeaturesBatch _batch = null!;
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
        _batch = new FeaturesBatch();
        _batch.Names.AddRange(_model.Schema.FeatureNames);
        for (int r = 0; r < BatchRows; r++)
        {
            var row = new Row();
            row.Values.AddRange(trained.HeldOut[r % trained.HeldOut.Count].Features);
            _batch.Rows.Add(row);
        }

        _batchBytes = _batch.ToByteArray();
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
        return Answer(output).ToByteArray().Length;
    }

    [Benchmark(OperationsPerInvoke = BatchRows)]
    public int BatchReadRequestPerRow() => FeaturesBatch.Parser.ParseFrom(_batchBytes).Rows.Count;

    [Benchmark(OperationsPerInvoke = BatchRows)]
    public int BatchValidatePerRow()
    {
        int[] positions = FeatureValidator.Positions(_batch.Names, _model.Schema.FeatureNames);
        int total = 0;
        foreach (Row row in _batch.Rows)
        {
            total += FeatureValidator.ToVector(row, _batch.Names, positions).Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = BatchRows)]
    public int BatchWholeCallPerRow()
    {
        FeaturesBatch request = FeaturesBatch.Parser.ParseFrom(_batchBytes);
        int[] positions = FeatureValidator.Positions(request.Names, _model.Schema.FeatureNames);
        var reply = new PredictionBatch();
        foreach (Row row in request.Rows)
        {
            ModelOutput output = _model.Predict(FeatureValidator.ToVector(row, request.Names, positions));
            reply.Items.Add(Answer(output));
        }

        return reply.ToByteArray().Length;
    }

    /// <summary>The answer the service builds from a prediction (its ToPrediction is private).</summary>
    private PredictionResult Answer(ModelOutput output) => new()
    {
        Label = output.PredictedLabel,
        Probability = output.Probability,
        Score = output.Score,
        ModelVersion = _model.Version,
    };
}
