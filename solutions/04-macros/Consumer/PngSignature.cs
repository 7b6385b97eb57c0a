namespace Katas.Macros.Consumer;

/// <summary>The eight bytes every PNG file starts with, decoded at build time by exercise 4.4's interceptor.</summary>
public static class PngSignature
{
    public static System.ReadOnlySpan<byte> Bytes => Hex.Decode("89504E470D0A1A0A");

    public static bool Starts(System.ReadOnlySpan<byte> file) => file.StartsWith(Bytes);
}
