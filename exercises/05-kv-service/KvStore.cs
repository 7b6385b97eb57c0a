namespace Katas.KvService;

/// <summary>
/// The service's storage core: an in-memory map of keys to versioned values, safe to call from many threads.
/// Values are copied in and out, so no caller can change what is stored behind the store's back.
/// </summary>
public sealed partial class KvStore
{
    /// <summary>Exercise 5.1: stores a copy of <paramref name="value"/>; returns the entry with its new version.</summary>
    public KvEntry Put(string key, ReadOnlySpan<byte> value)
    {
        // TODO: store a copy of the value under the key and return the new entry. A new key starts at version 1;
        // every write to an existing key adds one. Many threads call the store at once: no write may be lost.
        throw new NotImplementedException("Exercise 5.1 (KvStore.Put) is not solved yet. Hint: dotnet run --project grader -- hint 5.1");
    }

    /// <summary>Exercise 5.1: the entry of <paramref name="key"/>, or null when it is absent.</summary>
    public KvEntry? Get(string key)
    {
        // TODO: return the key's entry, or null. Nothing a caller did to the bytes it passed to Put may show here.
        throw new NotImplementedException("Exercise 5.1 (KvStore.Get) is not solved yet. Hint: dotnet run --project grader -- hint 5.1");
    }

    /// <summary>Exercise 5.1: removes <paramref name="key"/>; false when it was absent.</summary>
    public bool Delete(string key)
    {
        // TODO: remove the key; say whether it was there. A key written again after a delete starts over at version 1.
        throw new NotImplementedException("Exercise 5.1 (KvStore.Delete) is not solved yet. Hint: dotnet run --project grader -- hint 5.1");
    }
}
