// Given (the same file in exercises/ and solutions/). netstandard2.0, the target every compiler can load,
// lacks the type records' init accessors need; the compiler only looks for it by name.
namespace System.Runtime.CompilerServices;

internal static class IsExternalInit
{
}
