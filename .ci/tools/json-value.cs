// Prints one value of a JSON file, read with a JSON parser (never grep): a number or string as is,
// anything else as JSON. Usage: dotnet run .ci/tools/json-value.cs -- FILE PATH
// PATH is property names and array indexes joined by dots: "points", "exercises.0.status"; a last "#"
// gives an array's length ("exercises.#").
// Exit code 1 (and nothing on standard output) when the file is not JSON or has no such value.
using System.Globalization;
using System.Text.Json;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: json-value.cs FILE PATH");
    return 2;
}

try
{
    using JsonDocument document = JsonDocument.Parse(File.ReadAllText(args[0]));
    JsonElement value = document.RootElement;
    foreach (string part in args[1].Split('.', StringSplitOptions.RemoveEmptyEntries))
    {
        if (part == "#" && value.ValueKind == JsonValueKind.Array)
        {
            Console.WriteLine(value.GetArrayLength().ToString(CultureInfo.InvariantCulture));
            return 0;
        }

        if (value.ValueKind == JsonValueKind.Array && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int index) && index < value.GetArrayLength())
        {
            value = value[index];
        }
        else if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(part, out value))
        {
            Console.Error.WriteLine($"{args[0]}: no value at {args[1]}");
            return 1;
        }
    }

    Console.WriteLine(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText());
    return 0;
}
catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"{args[0]}: {e.Message}");
    return 1;
}
