namespace Katas.Grader.Watching;

/// <summary>
/// Reads the watch loop's one-key commands without Enter (<see cref="Console.ReadKey(bool)"/> on a
/// background thread). When input is redirected (a pipe, a CI job), each line's first character counts as
/// a key, and the end of input just stops reading: the loop runs on until it is killed.
/// </summary>
internal static class KeyReader
{
    public static void Start(Action<char> pressed)
    {
        var thread = new Thread(() => Read(pressed))
        {
            IsBackground = true,
            Name = "Katas watch keys",
        };
        thread.Start();
    }

    private static void Read(Action<char> pressed)
    {
        try
        {
            if (!Console.IsInputRedirected)
            {
                while (true)
                {
                    ConsoleKeyInfo key = Console.ReadKey(intercept: true);
                    if (key.KeyChar != '\0')
                    {
                        pressed(char.ToLowerInvariant(key.KeyChar));
                    }
                }
            }

            while (Console.In.ReadLine() is { } line)
            {
                string trimmed = line.Trim();
                if (trimmed.Length > 0)
                {
                    pressed(char.ToLowerInvariant(trimmed[0]));
                }
            }
        }
        catch (InvalidOperationException)
        {
            // No console to read from after all: keys are simply not available.
        }
        catch (IOException)
        {
        }
    }
}
