using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using Xunit;

namespace AdeTokens.Tests.Graph
{
    public class RequestGateTests
    {
        // Answers after a delay and counts how many requests it holds at once; can fail the first few in transit.
        private sealed class Counting : HttpMessageHandler
        {
            private int _now;
            private int _failures;
            public int Max;
            public int Calls;
            public int Delay = 40;

            public Counting(int failFirst = 0) => _failures = failFirst;

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Interlocked.Increment(ref Calls);
                var now = Interlocked.Increment(ref _now);
                int max;
                while (now > (max = Volatile.Read(ref Max)) && Interlocked.CompareExchange(ref Max, now, max) != max) { }
                try
                {
                    await Task.Delay(Delay, cancellationToken);
                    if (Interlocked.Decrement(ref _failures) >= 0) throw new HttpRequestException("The connection was reset.");
                    return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"value\":[]}") };
                }
                finally
                {
                    Interlocked.Decrement(ref _now);
                }
            }
        }

        private static (HttpClient Client, Counting Inner) Client(int failFirst = 0)
        {
            var inner = new Counting(failFirst);
            var options = new GraphResilienceOptions { TransportBackoff = TimeSpan.FromMilliseconds(1), MaxTransportBackoff = TimeSpan.FromMilliseconds(2) };
            var handler = new ResilienceHandler(RequestBudget.For(Guid.NewGuid().ToString(), "app", "gate.test"), options, null) { InnerHandler = inner };
            return (new HttpClient(handler), inner);
        }

        // As the Kiota request adapter hands a request option on: in the message's options, by the option's type name.
        private static HttpRequestMessage Get(RequestGate? gate, HttpMethod? method = null)
        {
            var m = new HttpRequestMessage(method ?? HttpMethod.Get, "http://gate.test/beta/x");
#pragma warning disable CS0618 // Properties is Options on .NET 5 and later, and all there is on .NET Framework.
            if (gate != null) m.Properties[typeof(RequestGate).FullName!] = gate;
#pragma warning restore CS0618
            return m;
        }

        [Fact]
        public async Task RequestsCarryingTheGateAreNeverMoreOnTheWireThanItsLimit()
        {
            var (client, inner) = Client();
            using var gate = new RequestGate(3);
            using (client)
            {
                var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.SendAsync(Get(gate))));
                Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
            }
            Assert.Equal(3, inner.Max);
            Assert.Equal(3, gate.Free);
        }

        [Fact]
        public async Task RequestsWithoutTheGateAreNotHeld()
        {
            var (client, inner) = Client();
            using (client)
            {
                await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => client.SendAsync(Get(null))));
            }
            Assert.Equal(6, inner.Max);
        }

        [Fact]
        public async Task ASlotComesBackAfterARetriedAttemptAndAfterAFailureForGood()
        {
            // Two GETs reset in transit and are sent again; then a write reset in transit fails without a resend.
            var (client, inner) = Client(failFirst: 2);
            using var gate = new RequestGate(1);
            using (client)
            {
                var ok = await Task.WhenAll(client.SendAsync(Get(gate)), client.SendAsync(Get(gate)));
                Assert.All(ok, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
                Assert.Equal(4, inner.Calls);
                Assert.Equal(1, gate.Free);

                var failing = Client(failFirst: 1);
                using (failing.Client)
                {
                    var post = Get(gate, HttpMethod.Post);
                    post.Content = new StringContent("{}");
                    await Assert.ThrowsAsync<HttpRequestException>(() => failing.Client.SendAsync(post));
                }
            }
            Assert.Equal(1, inner.Max);
            Assert.Equal(1, gate.Free);
        }

        [Fact]
        public async Task AWaitForASlotEndsAtOnceWhenCancelled()
        {
            var (client, inner) = Client();
            inner.Delay = 5000;
            using var gate = new RequestGate(1);
            using var stop = new CancellationTokenSource();
            using (client)
            {
                var holder = client.SendAsync(Get(gate), stop.Token);
                while (gate.Free > 0) await Task.Delay(5);
                using var quick = new CancellationTokenSource(100);
                var waiting = Stopwatch();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.SendAsync(Get(gate), quick.Token));
                Assert.True(waiting.Elapsed < TimeSpan.FromSeconds(3), $"the wait took {waiting.Elapsed}");
                Assert.Equal(1, inner.Calls);
                stop.Cancel();
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => holder);
            }
            Assert.Equal(1, gate.Free);
        }

        [Fact]
        public void AGateNeedsASlot() => Assert.Throws<ArgumentOutOfRangeException>(() => new RequestGate(0));

        private static System.Diagnostics.Stopwatch Stopwatch() => System.Diagnostics.Stopwatch.StartNew();
    }
}
