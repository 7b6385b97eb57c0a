// Mistake: the next page starts at the token's key instead of after it, so the last key of each page is repeated.
namespace Katas.KvService;

/// <summary>Exercise 5.3: prefix scans a page at a time.</summary>
public sealed partial class KvStore
{
    /// <summary>
    /// Exercise 5.3: up to <paramref name="pageSize"/> entries whose keys start with <paramref name="prefix"/>, in
    /// ordinal key order, starting after the page that <paramref name="pageToken"/> (null: the first page) ended.
    /// </summary>
    public KvPage List(string prefix, int pageSize, string? pageToken = null)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        // The token is the last key of the previous page, not an offset: keys written or deleted between two
        // pages then neither repeat nor skip the keys that stayed.
        string? after = string.IsNullOrEmpty(pageToken) ? null : DecodeToken(pageToken);
        var page = new List<KvEntry>(Math.Min(pageSize, 64));
        bool more = false;
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            foreach ((string key, KvEntry entry) in _entries)
            {
                if (after is not null && string.CompareOrdinal(key, after) < 0 /* bug */)
                {
                    continue;
                }

                if (!key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    // Keys are sorted: once past the prefix's range, nothing further can match.
                    if (string.CompareOrdinal(key, prefix) > 0)
                    {
                        break;
                    }

                    continue;
                }

                // An expired key (5.5) is invisible: it takes no place on a page, and the token never names it.
                if (!IsLive(entry, now))
                {
                    continue;
                }

                if (page.Count == pageSize)
                {
                    more = true;
                    break;
                }

                page.Add(entry);
            }
        }

        // A token only when another entry exists: a client loops until the token is empty, never on an empty page.
        return new KvPage(page, more ? EncodeToken(page[^1].Key) : null);
    }

    private static string EncodeToken(string lastKey) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(lastKey));

    private static string DecodeToken(string pageToken)
    {
        try
        {
            return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(pageToken));
        }
        catch (FormatException exception)
        {
            throw new ArgumentException("is not a token this service issued.", nameof(pageToken), exception);
        }
    }
}
