using System.Text;

namespace Katas.Grader.Running;

/// <summary>A line of a child's output, cut to a maximum length.</summary>
/// <param name="Text">The line (its head, when truncated), decoded as UTF-8 (invalid bytes become U+FFFD), without its line break.</param>
/// <param name="Truncated">True when the line was longer than the cap and its middle was dropped.</param>
/// <param name="Tail">For a truncated line, its last bytes (xunit writes a failure's messages after the test output, at the end).</param>
internal readonly record struct OutputLine(string Text, bool Truncated, string Tail = "");

/// <summary>
/// Reads lines from a stream that may carry anything (student code can write raw bytes, never end a line
/// or flood gigabytes): each line keeps at most <c>maxLineBytes</c> from its start and a few KiB from its
/// end, the middle of an overlong line is read and dropped, so memory stays bounded whatever the child
/// writes. When an xunit message (<c>{"$type":"</c>) starts in the middle of a line, the foreign bytes
/// before it are dropped, so a message glued to a flood without a line break is still read whole.
/// </summary>
internal sealed class BoundedLineReader : IDisposable
{
    /// <summary>Bytes kept from the end of an overlong line.</summary>
    public const int TailBytes = 64 * 1024;

    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);
    private static readonly byte[] s_marker = "{\"$type\":\""u8.ToArray();

    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private readonly byte[] _buffer = new byte[64 * 1024];
    /// <summary>The head of the line being assembled (at most <c>_maxLineBytes</c>).</summary>
    private readonly MemoryStream _line = new();
    /// <summary>Ring buffer with the last <see cref="TailBytes"/> bytes of an overlong line.</summary>
    private readonly byte[] _tail = new byte[TailBytes];
    private long _tailWritten;
    private int _start;
    private int _end;
    private bool _truncated;

    public BoundedLineReader(Stream stream, int maxLineBytes)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 16);
        _stream = stream;
        _maxLineBytes = maxLineBytes;
    }

    /// <summary>Total bytes read from the stream so far.</summary>
    public long BytesRead { get; private set; }

    /// <summary>The next line, or null at the end of the stream.</summary>
    public async ValueTask<OutputLine?> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await _stream.ReadAsync(_buffer, cancellationToken);
                BytesRead += _end;
                if (_end == 0)
                {
                    return _line.Length > 0 || _truncated ? TakeLine() : null;
                }
            }

            int newline = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
            int stop = newline >= 0 ? newline : _end;
            Append(_start, stop - _start);
            _start = newline >= 0 ? newline + 1 : _end;
            if (newline >= 0)
            {
                return TakeLine();
            }
        }
    }

    public void Dispose() => _line.Dispose();

    private void Append(int offset, int count)
    {
        // A message marker after the start of the line means foreign bytes came first: start over there.
        int marker = _buffer.AsSpan(offset, count).LastIndexOf(s_marker);
        if (marker > 0 || (marker == 0 && (_line.Length > 0 || _truncated)))
        {
            _line.SetLength(0);
            _truncated = false;
            _tailWritten = 0;
            offset += marker;
            count -= marker;
        }

        int room = _maxLineBytes - (int)_line.Length;
        if (count > room)
        {
            _truncated = true;
            _line.Write(_buffer, offset, room);
            AppendTail(offset + room, count - room);
            return;
        }

        _line.Write(_buffer, offset, count);
    }

    private void AppendTail(int offset, int count)
    {
        for (int i = 0; i < count; i++)
        {
            _tail[_tailWritten++ % TailBytes] = _buffer[offset + i];
        }
    }

    private OutputLine TakeLine()
    {
        ReadOnlySpan<byte> bytes = _line.GetBuffer().AsSpan(0, (int)_line.Length);
        if (!_truncated && bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        string tail = "";
        if (_truncated)
        {
            int length = (int)Math.Min(_tailWritten, TailBytes);
            byte[] ordered = new byte[length];
            for (int i = 0; i < length; i++)
            {
                ordered[i] = _tail[(_tailWritten - length + i) % TailBytes];
            }

            tail = s_utf8.GetString(ordered).TrimEnd('\r');
        }

        var line = new OutputLine(s_utf8.GetString(bytes), _truncated, tail);
        _line.SetLength(0);
        _truncated = false;
        _tailWritten = 0;
        return line;
    }
}
