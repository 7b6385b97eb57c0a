using System.Text;

namespace Katas.Grader.Running;

/// <summary>Keeps the last bytes of a stream (the child's stderr) while draining all of it.</summary>
internal sealed class TailBuffer(int capacity)
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _text = new();

    public string Text
    {
        get
        {
            lock (_gate)
            {
                return _text.ToString();
            }
        }
    }

    public async Task DrainAsync(Stream stream)
    {
        byte[] buffer = new byte[8192];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                string chunk = Encoding.UTF8.GetString(buffer, 0, read);
                lock (_gate)
                {
                    _text.Append(chunk);
                    if (_text.Length > capacity)
                    {
                        _text.Remove(0, _text.Length - capacity);
                    }
                }
            }
        }
        catch (IOException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
