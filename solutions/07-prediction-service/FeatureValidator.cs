using Grpc.Core;
using Katas.Prediction.Protocol;

namespace Katas.Prediction;

/// <summary>Exercise 7.4: a request's named features, checked and put in the model's order.</summary>
public static class FeatureValidator
{
    /// <summary>
    /// The vector the model takes: the value of <c>featureNames[i]</c> at index i, whatever the request's order.
    /// Throws <see cref="RpcException"/> with <see cref="StatusCode.InvalidArgument"/> and a message naming the
    /// field when a name is unknown, repeated or missing (the count is wrong), or a value is NaN or infinite.
    /// </summary>
    public static float[] ToVector(Features request, IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(featureNames);
        var names = new string[request.Values.Count];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = request.Values[i].Name;
        }

        // The same name rules as a batch's names: one request is a table of one row.
        int[] positions = Positions(names, featureNames);
        var vector = new float[featureNames.Count];
        for (int i = 0; i < names.Length; i++)
        {
            vector[positions[i]] = Finite(request.Values[i].Value, names[i]);
        }

        return vector;
    }

    /// <summary>
    /// Where each of <paramref name="names"/> goes in the model's vector: <c>positions[i]</c> is the index of
    /// <c>names[i]</c> in <paramref name="featureNames"/>. Every feature must be named exactly once, in any order;
    /// an unknown, repeated or missing name is refused like <see cref="ToVector(Features, IReadOnlyList{string})"/>
    /// refuses it. Computed once for a batch's names, then used for every row.
    /// </summary>
    public static int[] Positions(IReadOnlyList<string> names, IReadOnlyList<string> featureNames)
    {
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(featureNames);
        var positions = new int[names.Count];
        if (InModelOrder(names, featureNames, positions))
        {
            return positions;
        }

        // Any other order: names to indexes once per call (30 entries: cheaper than a search per name past a handful).
        var index = new Dictionary<string, int>(featureNames.Count, StringComparer.Ordinal);
        for (int i = 0; i < featureNames.Count; i++)
        {
            index[featureNames[i]] = i;
        }

        var seen = new bool[featureNames.Count];
        for (int i = 0; i < names.Count; i++)
        {
            if (!index.TryGetValue(names[i], out int at))
            {
                throw Invalid($"unknown feature '{names[i]}'");
            }

            if (seen[at])
            {
                throw Invalid($"feature '{names[i]}' appears twice");
            }

            seen[at] = true;
            positions[i] = at;
        }

        // Every name known and none twice: too many is impossible, so a wrong count is a missing name.
        int missing = Array.IndexOf(seen, false);
        if (missing >= 0)
        {
            throw Invalid($"expected {featureNames.Count} features, got {names.Count}: missing feature '{featureNames[missing]}'");
        }

        return positions;
    }

    /// <summary>
    /// One row of a batch as the model's vector: <c>row.Values[i]</c>, the value of <c>names[i]</c>, at
    /// <c>positions[i]</c> (from <see cref="Positions"/>). Refuses a row whose count differs from the names'
    /// (saying both numbers) and a NaN or infinite value (naming its feature). No lookup, no string work per row.
    /// </summary>
    public static float[] ToVector(Row row, IReadOnlyList<string> names, int[] positions)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(positions);
        ArgumentOutOfRangeException.ThrowIfNotEqual(positions.Length, names.Count, nameof(positions));
        if (row.Values.Count != positions.Length)
        {
            throw Invalid($"expected {positions.Length} values (one per name), got {row.Values.Count}");
        }

        var vector = new float[positions.Length];
        for (int i = 0; i < positions.Length; i++)
        {
            vector[positions[i]] = Finite(row.Values[i], names[i]);
        }

        return vector;
    }

    /// <summary>
    /// True, with <paramref name="positions"/> filled in, when <paramref name="names"/> are the model's feature names
    /// in the model's order, as most clients send them: one comparison a name, and no index to build (building it
    /// costs more than the rest of a unary call's validation). The model's names are distinct, so none is repeated.
    /// </summary>
    private static bool InModelOrder(IReadOnlyList<string> names, IReadOnlyList<string> featureNames, int[] positions)
    {
        if (names.Count != featureNames.Count)
        {
            return false;
        }

        for (int i = 0; i < names.Count; i++)
        {
            if (!string.Equals(names[i], featureNames[i], StringComparison.Ordinal))
            {
                return false;
            }

            positions[i] = i;
        }

        return true;
    }

    /// <summary>The value, or a refusal naming its feature: NaN and the infinities mean nothing to the model.</summary>
    private static float Finite(float value, string name) =>
        float.IsFinite(value) ? value : throw Invalid($"feature '{name}' is {(float.IsNaN(value) ? "NaN" : "infinite")}");

    private static RpcException Invalid(string message) => new(new Status(StatusCode.InvalidArgument, message));
}
