using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Runner.Common;
using Xunit.Sdk;

namespace Katas.Testing;

/// <summary>
/// <c>-reporter katas</c>: sends xunit's messages (the JSON reporter's format, one per line) to the Unix
/// socket the grader named in <c>KATAS_RESULT_CHANNEL</c>, instead of standard output. The grader accepts
/// one connection, made here before any test (and so any student code) runs, and then closes its
/// listener: printing to stdout or connecting later cannot reach the grade.
/// </summary>
public sealed class GraderReporter : IRunnerReporter
{
    /// <summary>The environment variable that names the grader's socket; cleared once read.</summary>
    public const string ChannelVariable = "KATAS_RESULT_CHANNEL";

    /// <inheritdoc/>
    public bool CanBeEnvironmentallyEnabled => false;

    /// <inheritdoc/>
    public string Description => "send results to the Katas grader's socket (KATAS_RESULT_CHANNEL)";

    /// <inheritdoc/>
    public bool ForceNoLogo => true;

    /// <inheritdoc/>
    public bool IsEnvironmentallyEnabled => false;

    /// <inheritdoc/>
    public string? RunnerSwitch => "katas";

    /// <inheritdoc/>
    public ValueTask<IRunnerReporterMessageHandler> CreateMessageHandler(IRunnerLogger logger, IMessageSink? diagnosticMessageSink)
    {
        string path = Environment.GetEnvironmentVariable(ChannelVariable)
            ?? throw new InvalidOperationException($"-reporter katas needs {ChannelVariable}: it is set by the grader, which this program was not started by.");
        // Tests run after this: the path is gone from the environment before any student code can read it.
        Environment.SetEnvironmentVariable(ChannelVariable, null);
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Connect(new UnixDomainSocketEndPoint(path));
        return new ValueTask<IRunnerReporterMessageHandler>(new Handler(socket));
    }

    private sealed class Handler(Socket socket) : IRunnerReporterMessageHandler
    {
        private readonly Lock _gate = new();

        public bool OnMessage(IMessageSinkMessage message)
        {
            if (message is IJsonSerializable serializable && serializable.ToJson() is { } json)
            {
                byte[] line = Encoding.UTF8.GetBytes(WithoutOutput(Escaped(json)) + "\n");
                lock (_gate)
                {
                    socket.Send(line);
                }
            }

            return true;
        }

        /// <summary>
        /// xunit writes control characters in strings (a student's message with an escape sequence) as they
        /// are, which is not JSON: they are escaped here, so every line parses. Its JSON is one line, so
        /// any control character is inside a string.
        /// </summary>
        private static string Escaped(string json)
        {
            if (!json.Any(char.IsControl))
            {
                return json;
            }

            var escaped = new StringBuilder(json.Length + 16);
            foreach (char c in json)
            {
                if (c < ' ')
                {
                    escaped.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                }
                else
                {
                    escaped.Append(c);
                }
            }

            return escaped.ToString();
        }

        /// <summary>
        /// A test's captured console output is the student's, and can be megabytes: the grader never
        /// reads it, so it does not travel on the result channel (and cannot crowd out the result).
        /// </summary>
        private static string WithoutOutput(string json)
        {
            if (json.Length < 64 * 1024 || !json.Contains("\"Output\":", StringComparison.Ordinal))
            {
                return json;
            }

            try
            {
                if (JsonNode.Parse(json) is JsonObject message)
                {
                    message.Remove("Output");
                    return message.ToJsonString();
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: the grader reads such a line by its head and tail.
            }

            return json;
        }

        public ValueTask DisposeAsync()
        {
            socket.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
