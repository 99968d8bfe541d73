using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AdeTokens.Graph
{
    /// <summary>
    /// A GET's response body read in full into pooled segments, each below the large-object threshold. With a length,
    /// LoadIntoBufferAsync would make one large-object array per device page; without one (chunked, decompressed) it
    /// grows a MemoryStream by doubling, several per page. The client above does not copy the body again
    /// (<see cref="GraphHttpClient"/>), so these segments are the only copy before the parser's.
    /// </summary>
    /// <remarks>The segments go back to the pool when the content is disposed; a stream read after that throws.</remarks>
    internal sealed class PooledBodyContent : HttpContent
    {
        // 64 KB: pooled by ArrayPool.Shared, and under the 85,000 bytes from which an array is a large object.
        internal const int SegmentSize = 64 * 1024;

        private List<byte[]>? _segments = new List<byte[]>();
        private long _length;

        private PooledBodyContent()
        {
        }

        internal long Length => _length;

        /// <summary>
        /// Reads <paramref name="source"/> to its end, then disposes it. A reset or a truncated body throws here (an
        /// IOException or HttpRequestException from the transport), where the caller can still send the GET again.
        /// </summary>
        public static async Task<PooledBodyContent> ReadAsync(HttpContent source, CancellationToken cancellationToken)
        {
            if (source is null) throw new ArgumentNullException(nameof(source));
            var content = new PooledBodyContent();
            try
            {
                using (var stream = await source.ReadAsStreamAsync().ConfigureAwait(false))
                {
                    while (true)
                    {
                        var segment = ArrayPool<byte>.Shared.Rent(SegmentSize);
                        content._segments!.Add(segment);
                        var filled = 0;
                        while (filled < SegmentSize)
                        {
                            var n = await stream.ReadAsync(segment, filled, SegmentSize - filled, cancellationToken).ConfigureAwait(false);
                            if (n == 0) break;
                            filled += n;
                        }
                        content._length += filled;
                        if (filled < SegmentSize) break;
                    }
                }
                foreach (var h in source.Headers)
                {
                    if (!string.Equals(h.Key, "Content-Length", StringComparison.OrdinalIgnoreCase))
                        content.Headers.TryAddWithoutValidation(h.Key, h.Value);
                }
            }
            catch
            {
                content.Dispose();
                throw;
            }
            source.Dispose();
            return content;
        }

        private List<byte[]> Segments => _segments ?? throw new ObjectDisposedException(nameof(PooledBodyContent), "The response body was already given back.");

        /// <inheritdoc />
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            var segments = Segments;
            var left = _length;
            foreach (var s in segments)
            {
                if (left <= 0) break;
                var n = (int)Math.Min(SegmentSize, left);
                await stream.WriteAsync(s, 0, n).ConfigureAwait(false);
                left -= n;
            }
        }

        /// <inheritdoc />
        protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new ReadStream(this));

        /// <inheritdoc />
        protected override bool TryComputeLength(out long length)
        {
            length = _length;
            return true;
        }

        /// <inheritdoc />
        protected override void Dispose(bool disposing)
        {
            var segments = Interlocked.Exchange(ref _segments, null);
            if (segments != null)
            {
                foreach (var s in segments) ArrayPool<byte>.Shared.Return(s);
            }
            base.Dispose(disposing);
        }

        // Read-only and seekable, over the segments; checks on every read that they are still ours.
        private sealed class ReadStream : Stream
        {
            private readonly PooledBodyContent _owner;
            private long _position;

            public ReadStream(PooledBodyContent owner)
            {
                _owner = owner;
            }

            public override bool CanRead => true;

            public override bool CanSeek => true;

            public override bool CanWrite => false;

            public override long Length => _owner._length;

            public override long Position
            {
                get => _position;
                set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value));
            }

            public override int Read(byte[] buffer, int offset, int count)
            {
                if (buffer is null) throw new ArgumentNullException(nameof(buffer));
                if (offset < 0 || count < 0 || offset + count > buffer.Length) throw new ArgumentOutOfRangeException(nameof(count));
                var segments = _owner.Segments;
                var read = 0;
                while (read < count && _position < _owner._length)
                {
                    var segment = segments[(int)(_position / SegmentSize)];
                    var at = (int)(_position % SegmentSize);
                    var n = (int)Math.Min(Math.Min(SegmentSize - at, count - read), _owner._length - _position);
                    Buffer.BlockCopy(segment, at, buffer, offset + read, n);
                    read += n;
                    _position += n;
                }
                return read;
            }

            public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return Task.FromResult(Read(buffer, offset, count));
            }

            public override long Seek(long offset, SeekOrigin origin)
            {
                var to = origin == SeekOrigin.Begin ? offset : origin == SeekOrigin.Current ? _position + offset : _owner._length + offset;
                Position = to;
                return to;
            }

            public override void Flush()
            {
            }

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
