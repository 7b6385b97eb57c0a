namespace Katas.KvService;

/// <summary>Exercise 5.2: checks a request's fields against the configured limits before the store sees them.</summary>
public static class KvRequestValidator
{
    /// <summary>Throws ArgumentException naming <paramref name="field"/> when the key is empty or too long.</summary>
    public static void ValidateKey(string key, KvLimits limits, string field = "key")
    {
        // TODO: reject an empty key and a key longer than limits.MaxKeyBytes with an ArgumentException whose
        // ParamName is field and whose message says what is wrong (over a limit: the limit). The limit counts
        // bytes on the wire.
        throw new NotImplementedException("Exercise 5.2 (KvRequestValidator.ValidateKey) is not solved yet. Hint: dotnet run --project grader -- hint 5.2");
    }

    /// <summary>Throws ArgumentException naming <paramref name="field"/> when the value is too large.</summary>
    public static void ValidateValue(ReadOnlySpan<byte> value, KvLimits limits, string field = "value")
    {
        // TODO: reject a value larger than limits.MaxValueBytes (an empty value is fine) the same way.
        throw new NotImplementedException("Exercise 5.2 (KvRequestValidator.ValidateValue) is not solved yet. Hint: dotnet run --project grader -- hint 5.2");
    }

    /// <summary>Throws ArgumentException naming <paramref name="field"/> when an expected version is negative.</summary>
    public static void ValidateVersion(long version, string field = "expected_version")
    {
        // TODO: reject a negative version the same way (0 means "the key must not exist").
        throw new NotImplementedException("Exercise 5.2 (KvRequestValidator.ValidateVersion) is not solved yet. Hint: dotnet run --project grader -- hint 5.2");
    }
}
