using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Alerts;
using AdeTokens.Graph;
using AdeTokens.Http;
using AdeTokens.Tests.Infrastructure;
using Xunit;

namespace AdeTokens.Tests.Http
{
    public class RetryPolicyTests
    {
        [Fact]
        public void Graph_and_the_webhook_agree_on_what_a_refusal_is()
        {
            var graph = new GraphResilienceOptions().StatusRetry;
            var webhook = RetryPolicy.Webhook;
            foreach (var status in new[] { 429, 503, 504 })
            {
                Assert.True(graph.IsTransient(status), $"Graph retries {status}");
                Assert.True(webhook.IsTransient(status), $"the webhook retries {status}");
            }
            foreach (var status in new[] { 400, 401, 403, 404, 409, 413 })
            {
                Assert.False(graph.IsTransient(status), $"Graph does not retry {status}");
                Assert.False(webhook.IsTransient(status), $"the webhook does not retry {status}");
            }
            // A 500 may follow half-done work: only a request whose duplicate is harmless goes again.
            Assert.False(graph.IsTransient(500));
            Assert.True(webhook.IsTransient(500));
        }

        [Fact]
        public void A_write_that_failed_in_transit_is_resent_only_when_a_duplicate_is_harmless()
        {
            var reset = new HttpRequestException("reset", new System.IO.IOException("connection reset"));
            var graph = new GraphResilienceOptions().TransportRetry;
            Assert.True(graph.MayResend(reset, idempotent: true));
            Assert.False(graph.MayResend(reset, idempotent: false));
            Assert.True(RetryPolicy.Webhook.MayResend(reset, idempotent: false));
            Assert.False(RetryPolicy.Webhook.MayResend(new InvalidOperationException("a bug"), idempotent: true));
        }

        [Fact]
        public void Waits_double_then_stop_after_the_bounded_attempts()
        {
            var p = new RetryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(1), duplicateIsHarmless: false);
            Assert.Equal(TimeSpan.FromSeconds(1), p.NextWait(1, null, TimeSpan.Zero));
            Assert.Equal(TimeSpan.FromSeconds(2), p.NextWait(2, null, TimeSpan.Zero));
            Assert.Equal(TimeSpan.FromSeconds(3), p.NextWait(3, null, TimeSpan.Zero));
            Assert.Null(p.NextWait(4, null, TimeSpan.Zero));
        }

        [Fact]
        public void Retry_After_is_honoured_up_to_the_longest_wait_and_the_total()
        {
            var p = new RetryPolicy(5, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(90), duplicateIsHarmless: false);
            Assert.Equal(TimeSpan.FromSeconds(45), p.NextWait(1, TimeSpan.FromSeconds(45), TimeSpan.Zero));
            Assert.Null(p.NextWait(1, TimeSpan.FromSeconds(61), TimeSpan.Zero));
            Assert.Null(p.NextWait(2, TimeSpan.FromSeconds(50), TimeSpan.FromSeconds(45)));
        }

        [Fact]
        public void Retry_After_reads_seconds_and_dates_and_never_goes_negative()
        {
            using var seconds = new HttpResponseMessage((HttpStatusCode)429);
            seconds.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
            Assert.Equal(TimeSpan.FromSeconds(7), RetryPolicy.RetryAfter(seconds));
            using var past = new HttpResponseMessage((HttpStatusCode)503);
            past.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddHours(-1));
            Assert.Equal(TimeSpan.Zero, RetryPolicy.RetryAfter(past));
            using var future = new HttpResponseMessage((HttpStatusCode)503);
            future.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(DateTimeOffset.UtcNow.AddMinutes(5));
            Assert.InRange(RetryPolicy.RetryAfter(future)!.Value.TotalSeconds, 240, 301);
            using var none = new HttpResponseMessage((HttpStatusCode)503);
            Assert.Null(RetryPolicy.RetryAfter(none));
        }

        [Fact]
        public void Transport_waits_are_jittered_within_the_doubling()
        {
            var p = new RetryPolicy(4, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4), TimeSpan.FromMinutes(1), duplicateIsHarmless: false);
            var waits = Enumerable.Range(0, 200).Select(_ => p.NextWait(2, null, TimeSpan.Zero, jitter: true)!.Value).ToList();
            Assert.All(waits, w => Assert.InRange(w.TotalMilliseconds, 0, 2000));
            Assert.True(waits.Distinct().Count() > 10, "transport waits must be jittered");
        }
    }

    public sealed class WebhookSimulatorFixture : IDisposable
    {
        public Simulator Sim { get; } = Simulator.Start("empty.json");
        public void Dispose() => Sim.Dispose();
    }

    /// <summary>The webhook sender against the simulator's webhook sink, over real HTTP; only the waits are recorded instead of slept.</summary>
    [Collection("Simulator")]
    public class WebhookPolicyTests : IClassFixture<WebhookSimulatorFixture>
    {
        private static readonly HttpClient s_http = new HttpClient();
        private readonly Simulator _sim;

        public WebhookPolicyTests(WebhookSimulatorFixture fixture) => _sim = fixture.Sim;

        private Uri Hook => new Uri(_sim.BaseUrl, "/_sim/webhooks/policy?sig=policy-secret");

        private async Task FaultAsync(int status, int count, int? retryAfter)
        {
            (await s_http.DeleteAsync(new Uri(_sim.BaseUrl, "/_sim/webhooks"))).EnsureSuccessStatusCode();
            var body = retryAfter.HasValue
                ? JsonSerializer.Serialize(new { status, count, retryAfterSeconds = retryAfter.Value })
                : JsonSerializer.Serialize(new { status, count });
            (await s_http.PutAsync(new Uri(_sim.BaseUrl, "/_sim/webhooks/fault"), new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        }

        private async Task<int[]> StatusesAsync()
        {
            using var doc = JsonDocument.Parse(await s_http.GetStringAsync(new Uri(_sim.BaseUrl, "/_sim/webhooks")));
            return doc.RootElement.EnumerateArray().Select(e => e.GetProperty("status").GetInt32()).ToArray();
        }

        [Fact]
        public async Task Honours_Retry_After_then_gets_through()
        {
            await FaultAsync(503, 2, 7);
            var waits = new List<TimeSpan>();
            var log = new List<string>();
            var d = await new WebhookSender(null, (t, _) => { waits.Add(t); return Task.CompletedTask; }).PostAsync(Hook, "{\"a\":1}", log.Add, CancellationToken.None);
            Assert.Equal(3, d.Attempts);
            Assert.Equal(new[] { TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7) }, waits);
            Assert.Equal(new[] { 503, 503, 202 }, await StatusesAsync());
            Assert.Contains(log, l => l.Contains("as its Retry-After asks"));
            Assert.DoesNotContain(log, l => l.Contains("policy-secret"));
        }

        [Fact]
        public async Task Stops_after_the_bounded_attempts()
        {
            await FaultAsync(429, 10, 1);
            var waits = new List<TimeSpan>();
            var e = await Assert.ThrowsAsync<AlertDeliveryException>(() =>
                new WebhookSender(null, (t, _) => { waits.Add(t); return Task.CompletedTask; }).PostAsync(Hook, "{}", null, CancellationToken.None));
            Assert.Equal(RetryPolicy.Webhook.MaxRetries + 1, e.Attempts);
            Assert.Equal(429, e.StatusCode);
            Assert.Equal(RetryPolicy.Webhook.MaxRetries, waits.Count);
            Assert.Equal(Enumerable.Repeat(429, RetryPolicy.Webhook.MaxRetries + 1), await StatusesAsync());
            Assert.DoesNotContain("policy-secret", e.ToString());
        }

        [Fact]
        public async Task A_refusal_is_not_retried()
        {
            await FaultAsync(404, 10, null);
            var e = await Assert.ThrowsAsync<AlertDeliveryException>(() =>
                new WebhookSender(null, (_, __) => Task.CompletedTask).PostAsync(Hook, "{}", null, CancellationToken.None));
            Assert.Equal(1, e.Attempts);
            Assert.Single(await StatusesAsync());
        }
    }
}
