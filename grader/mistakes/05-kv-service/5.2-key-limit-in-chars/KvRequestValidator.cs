// Mistake: the key limit counts UTF-16 chars, so a key of few chars but many UTF-8 bytes gets through.
namespace Katas.KvService;

/// <summary>Exercise 5.2: checks a request's fields against the configured limits before the store sees them.</summary>
public static class KvRequestValidator
{
    /// <summary>Throws ArgumentException naming <paramref name="field"/> when the key is empty or too long.</summary>
    public static void ValidateKey(string key, KvLimits limits, string field = "key")
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentException.ThrowIfNullOrEmpty(field);
        if (string.IsNullOrEmpty(key))
        {
            throw new ArgumentException("must not be empty.", field);
        }

        // The limit is in bytes on the wire, not in UTF-16 chars: "é" is one char and two bytes.
        int bytes = key.Length; // bug
        if (bytes > limits.MaxKeyBytes)
        {
            throw new ArgumentException($"is {bytes} UTF-8 bytes; the limit is {limits.MaxKeyBytes}.", field);
        }
    }

    /// <summary>Throws ArgumentException naming <paramref name="field"/> when the value is too large.</summary>
    public static void ValidateValue(ReadOnlySpan<byte> value, KvLimits limits, string field = "value")
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentException.ThrowIfNullOrEmpty(field);
        if (value.Length > limits.MaxValueBytes)
        {
            throw new ArgumentException($"is {value.Length} bytes; the limit is {limits.MaxValueBytes}.", field);
        }
    }

    /// <summary>Throws ArgumentException naming <paramref name="field"/> when an expected version is negative.</summary>
    public static void ValidateVersion(long version, string field = "expected_version")
    {
        ArgumentException.ThrowIfNullOrEmpty(field);
        if (version < 0)
        {
            throw new ArgumentException($"is {version}; a version is 0 (absent) or more.", field);
        }
    }
}
