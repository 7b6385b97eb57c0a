using System.Text;

namespace Katas.Grader.Running;

/// <summary>A line of a child's output, cut to a maximum length.</summary>
/// <param name="Text">The line, decoded as UTF-8 (invalid bytes become U+FFFD), without its line break.</param>
/// <param name="Truncated">True when the line was longer than the cap and its end was dropped.</param>
internal readonly record struct OutputLine(string Text, bool Truncated);

/// <summary>
/// Reads lines from a stream that may carry anything (student code can write raw bytes, never end a line
/// or flood gigabytes): each line is capped at <c>maxLineBytes</c>, the rest of an overlong line is read
/// and dropped, so memory stays bounded whatever the child writes.
/// </summary>
internal sealed class BoundedLineReader : IDisposable
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private readonly byte[] _buffer = new byte[64 * 1024];
    /// <summary>Bytes of the line being assembled (at most <c>_maxLineBytes</c>).</summary>
    private readonly MemoryStream _line = new();
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

    private void Append(int offset, int count)
    {
        int room = _maxLineBytes - (int)_line.Length;
        if (count > room)
        {
            _truncated = true;
            count = room;
        }

        _line.Write(_buffer, offset, count);
    }

    public void Dispose() => _line.Dispose();

    private OutputLine TakeLine()
    {
        ReadOnlySpan<byte> bytes = _line.GetBuffer().AsSpan(0, (int)_line.Length);
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
        }

        var line = new OutputLine(s_utf8.GetString(bytes), _truncated);
        _line.SetLength(0);
        _truncated = false;
        return line;
    }
}
