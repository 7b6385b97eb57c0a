using System.Security.Cryptography;

namespace Katas.Grader.Integrity;

/// <summary>
/// A hash of everything a built test program runs from (its folder's assemblies, apphost and run-time
/// settings), taken after the build and again after the run: a program that changed while its module's
/// tests ran was rewritten by the code under test. The sandbox makes that impossible where it works;
/// this makes it visible where it does not.
/// </summary>
internal static class ProgramFingerprint
{
    public static string Of(IEnumerable<string> programFolders)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (string folder in programFolders.Order(StringComparer.Ordinal).Where(Directory.Exists))
        {
            foreach (string file in Directory.EnumerateFiles(folder).Order(StringComparer.Ordinal))
            {
                hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(file) + "\n"));
                using FileStream stream = File.OpenRead(file);
                hash.AppendData(SHA256.HashData(stream));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
