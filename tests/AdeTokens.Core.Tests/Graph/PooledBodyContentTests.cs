using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using Xunit;

namespace AdeTokens.Tests.Graph
{
    public class PooledBodyContentTests
    {
        private static byte[] Bytes(int n)
        {
            var b = new byte[n];
            new Random(n).NextBytes(b);
            return b;
        }

        // A body without a length that hands out its bytes in odd-sized reads, and can break off part way.
        private sealed class TrickleContent : HttpContent
        {
            private readonly byte[] _bytes;
            private readonly int _failAt;

            public TrickleContent(byte[] bytes, int failAt = -1)
            {
                _bytes = bytes;
                _failAt = failAt;
                Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            }

            public bool Disposed { get; private set; }

            protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => new Trickle(_bytes, _failAt).CopyToAsync(stream);

            protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult<Stream>(new Trickle(_bytes, _failAt));

            protected override bool TryComputeLength(out long length)
            {
                length = 0;
                return false;
            }

            protected override void Dispose(bool disposing)
            {
                Disposed = true;
                base.Dispose(disposing);
            }

            private sealed class Trickle : MemoryStream
            {
                private readonly int _failAt;

                public Trickle(byte[] bytes, int failAt) : base(bytes, false)
                {
                    _failAt = failAt;
                }

                public override int Read(byte[] buffer, int offset, int count)
                {
                    if (_failAt >= 0 && Position >= _failAt) throw new IOException("The response ended prematurely.");
                    return base.Read(buffer, offset, Math.Min(count, 7919));
                }

                public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));
            }
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        [InlineData(PooledBodyContent.SegmentSize)]
        [InlineData(PooledBodyContent.SegmentSize + 1)]
        [InlineData(271_000)]
        public async Task SegmentsReassembleByteForByte(int size)
        {
            var bytes = Bytes(size);
            var source = new TrickleContent(bytes);
            using var content = await PooledBodyContent.ReadAsync(source, default);
            Assert.True(source.Disposed);
            Assert.Equal(size, content.Headers.ContentLength);
            Assert.Equal("application/json", content.Headers.ContentType!.MediaType);
            Assert.Equal(bytes, await content.ReadAsByteArrayAsync());
            // Read again through a stream, in reads that straddle the segment boundaries.
            var stream = await content.ReadAsStreamAsync();
            stream.Position = 0;
            var copy = new MemoryStream();
            var buffer = new byte[10_007];
            int n;
            while ((n = stream.Read(buffer, 0, buffer.Length)) > 0) copy.Write(buffer, 0, n);
            Assert.Equal(bytes, copy.ToArray());
        }

        [Fact]
        public async Task ATruncatedBodyThrowsAndGivesItsSegmentsBack()
        {
            var source = new TrickleContent(Bytes(200_000), failAt: 150_000);
            await Assert.ThrowsAsync<IOException>(() => PooledBodyContent.ReadAsync(source, default));
        }

        [Fact]
        public async Task NothingReadsTheSegmentsAfterTheyWentBack()
        {
            var content = await PooledBodyContent.ReadAsync(new TrickleContent(Bytes(100_000)), default);
            var stream = await content.ReadAsStreamAsync();
            var buffer = new byte[16];
            Assert.Equal(16, stream.Read(buffer, 0, 16));
            content.Dispose();
            Assert.Throws<ObjectDisposedException>(() => stream.Read(buffer, 0, 16));
        }

        // Below the resilience handler: the first answer breaks off inside a body that has no length, the second is whole.
        private sealed class BreakingOnce : HttpMessageHandler
        {
            private readonly byte[] _body;
            public int Calls;

            public BreakingOnce(byte[] body)
            {
                _body = body;
            }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                var first = Interlocked.Increment(ref Calls) == 1;
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new TrickleContent(_body, first ? _body.Length / 2 : -1), RequestMessage = request });
            }
        }

        [Fact]
        public async Task AGetWhoseChunkedBodyBreaksOffIsSentAgainAndArrivesWhole()
        {
            var body = Bytes(300_000);
            var inner = new BreakingOnce(body);
            var options = new GraphResilienceOptions { TransportBackoff = TimeSpan.FromMilliseconds(1), MaxTransportBackoff = TimeSpan.FromMilliseconds(2) };
            var handler = new ResilienceHandler(RequestBudget.For(Guid.NewGuid().ToString(), "app", "pooled.test"), options, null) { InnerHandler = inner };
            using var client = new HttpClient(handler);
            using var response = await client.GetAsync("http://pooled.test/beta/x");
            Assert.Equal(2, inner.Calls);
            Assert.Equal(body, await response.Content.ReadAsByteArrayAsync());
        }

        [Fact]
        public async Task AWriteWhoseBodyBreaksOffIsNotSentAgain()
        {
            var inner = new BreakingOnce(Bytes(1000));
            var handler = new ResilienceHandler(RequestBudget.For(Guid.NewGuid().ToString(), "app", "pooled.test"), new GraphResilienceOptions(), null) { InnerHandler = inner };
            using var client = new HttpClient(handler);
            // The handler reads a POST's body too (the client above no longer does), so the break surfaces there,
            // says the write may have been applied, and nothing is resent.
            var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "http://pooled.test/beta/x") { Content = new StringContent("{}") }, HttpCompletionOption.ResponseHeadersRead));
            Assert.Equal(1, inner.Calls);
            Assert.Contains("a write is not sent twice", e.Message);
        }
    }
}
