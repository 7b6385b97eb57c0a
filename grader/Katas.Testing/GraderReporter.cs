using System.Net.Sockets;
using System.Text;
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
                byte[] line = Encoding.UTF8.GetBytes(WithoutOutput(json) + "\n");
                lock (_gate)
                {
                    socket.Send(line);
                }
            }

            return true;
        }

        /// <summary>
        /// A test's captured console output is the student's, and can be megabytes: the grader never
        /// reads it, so it does not travel on the result channel (and cannot crowd out the result).
        /// </summary>
        private static string WithoutOutput(string json)
        {
            if (!json.Contains("\"Output\":", StringComparison.Ordinal) || JsonNode.Parse(json) is not JsonObject message)
            {
                return json;
            }

            message.Remove("Output");
            return message.ToJsonString();
        }

        public ValueTask DisposeAsync()
        {
            socket.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
