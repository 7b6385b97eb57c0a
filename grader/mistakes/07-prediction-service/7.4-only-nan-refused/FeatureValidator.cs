// Mistake: NaN is refused but an infinity, just as meaningless here, is let through.
using Grpc.Core;
using Katas.Prediction.Protocol;

namespace Katas.Prediction;

/// <summary>Exercise 7.4: a request's named features, checked and put in the model's order.</summary>
public static class FeatureValidator
{
    /// <summary>
    /// The vector the model takes: the value of <c>featureNames[i]</c> at index i, whatever the request's order.
    /// Throws <see cref="RpcException"/> with <see cref="StatusCode.InvalidArgument"/> and a message naming the
    /// field when the count is wrong, a name is unknown, missing or repeated, or a value is NaN or infinite.
    /// </summary>
    public static float[] ToVector(Features request, IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(featureNames);
        if (request.Values.Count != featureNames.Count)
        {
            throw Invalid($"expected {featureNames.Count} features, got {request.Values.Count}");
        }

        // Names to indexes once per call: 30 entries, cheaper than a search per feature only past a handful, and clearer.
        var index = new Dictionary<string, int>(featureNames.Count, StringComparer.Ordinal);
        for (int i = 0; i < featureNames.Count; i++)
        {
            index[featureNames[i]] = i;
        }

        var vector = new float[featureNames.Count];
        var seen = new bool[featureNames.Count];
        foreach (Feature feature in request.Values)
        {
            if (!index.TryGetValue(feature.Name, out int at))
            {
                throw Invalid($"unknown feature '{feature.Name}'");
            }

            if (seen[at])
            {
                throw Invalid($"feature '{feature.Name}' appears twice");
            }

            if (float.IsNaN(feature.Value)) // bug
            {
                throw Invalid($"feature '{feature.Name}' is {(float.IsNaN(feature.Value) ? "NaN" : "infinite")}");
            }

            seen[at] = true;
            vector[at] = feature.Value;
        }

        // With the count right and no name twice, every name was seen; this guards the invariant, not the client.
        int missing = Array.IndexOf(seen, false);
        if (missing >= 0)
        {
            throw Invalid($"missing feature '{featureNames[missing]}'");
        }

        return vector;
    }

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
