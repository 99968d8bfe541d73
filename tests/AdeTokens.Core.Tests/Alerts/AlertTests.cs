using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Alerts;
using AdeTokens.Health;
using AdeTokens.Tests.Reporting;
using Microsoft.Graph.Models;
using Xunit;

namespace AdeTokens.Tests.Alerts
{
    public class SelectionAndCardTests
    {
        [Fact]
        public void Selects_at_or_above_the_minimum()
        {
            var w = AlertSelection.Select(ReportData.Mixed(), HealthStatus.Warning, ReportData.At);
            Assert.True(w.HasAlert);
            Assert.Equal(new[] { "Expired ASM", "Warn ABM" }, w.Selected.Results.Select(r => r.TokenName));
            Assert.Equal("2 of 3 ADE tokens at or above Warning: 1 critical, 1 warning.", w.Summary);
            Assert.Equal("[AdeTokens] Critical: 2 ADE tokens need attention", w.Subject);

            var c = AlertSelection.Select(ReportData.Mixed(), HealthStatus.Critical, ReportData.At);
            Assert.Equal(new[] { "Expired ASM" }, c.Selected.Results.Select(r => r.TokenName));
        }

        [Fact]
        public void Nothing_at_the_minimum_is_no_alert()
        {
            var s = AlertSelection.Select(ReportData.Mixed().Take(2), HealthStatus.Critical, ReportData.At);
            Assert.False(s.HasAlert);
            Assert.StartsWith("All clear: none of 2 ADE tokens is at or above Critical", s.Summary);
            Assert.Throws<ArgumentOutOfRangeException>(() => AlertSelection.Select(ReportData.Mixed(), HealthStatus.Healthy, ReportData.At));
        }

        [Fact]
        public void Card_has_the_workflows_envelope_and_adaptive_card_1_4()
        {
            var json = TeamsCard.Build(AlertSelection.Select(ReportData.Mixed(), HealthStatus.Warning, ReportData.At));
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            Assert.Equal("message", root.GetProperty("type").GetString());
            var att = Assert.Single(root.GetProperty("attachments").EnumerateArray());
            Assert.Equal("application/vnd.microsoft.card.adaptive", att.GetProperty("contentType").GetString());
            Assert.Equal(JsonValueKind.Null, att.GetProperty("contentUrl").ValueKind);
            var card = att.GetProperty("content");
            Assert.Equal("http://adaptivecards.io/schemas/adaptive-card.json", card.GetProperty("$schema").GetString());
            Assert.Equal("AdaptiveCard", card.GetProperty("type").GetString());
            Assert.Equal("1.4", card.GetProperty("version").GetString());
            var containers = card.GetProperty("body").EnumerateArray().Where(e => e.GetProperty("type").GetString() == "Container").ToList();
            Assert.Equal(2, containers.Count);
            Assert.Equal("Expired ASM", containers[0].GetProperty("items")[0].GetProperty("text").GetString());
            var actions = card.GetProperty("actions").EnumerateArray().ToList();
            Assert.All(actions, a => Assert.Equal("Action.OpenUrl", a.GetProperty("type").GetString()));
            var urls = actions.Select(a => a.GetProperty("url").GetString()).ToList();
            Assert.Equal(new[] { HelpLinks.RenewAdeToken, HelpLinks.SyncTokenErrors, TeamsCard.IntuneAdminCenter }, urls);
        }

        [Fact]
        public void Card_caps_the_token_list()
        {
            var many = Enumerable.Range(0, 40).Select(i => ReportData.Result("T" + i, HealthStatus.Warning, i,
                ReportData.Finding(HealthFindingCodes.TokenExpiringSoon, FindingSeverity.Warning))).ToArray();
            var json = TeamsCard.Build(AlertSelection.Select(many, HealthStatus.Warning, ReportData.At));
            using var doc = JsonDocument.Parse(json);
            var body = doc.RootElement.GetProperty("attachments")[0].GetProperty("content").GetProperty("body").EnumerateArray().ToList();
            Assert.Equal(TeamsCard.MaxTokens, body.Count(e => e.GetProperty("type").GetString() == "Container"));
            Assert.Contains(body, e => e.TryGetProperty("text", out var t) && t.GetString()!.StartsWith("…and 25 more tokens", StringComparison.Ordinal));
            Assert.True(json.Length < 28_000, $"card is {json.Length} bytes");
        }

        [Fact]
        public void All_clear_card_is_green_and_lists_no_tokens()
        {
            var json = TeamsCard.Build(AlertSelection.Select(ReportData.Mixed().Take(1), HealthStatus.Warning, ReportData.At));
            using var doc = JsonDocument.Parse(json);
            var body = doc.RootElement.GetProperty("attachments")[0].GetProperty("content").GetProperty("body");
            Assert.Equal("All clear: ADE tokens are healthy", body[0].GetProperty("text").GetString());
            Assert.Equal("Good", body[0].GetProperty("color").GetString());
            Assert.DoesNotContain(body.EnumerateArray(), e => e.GetProperty("type").GetString() == "Container");
        }

        [Fact]
        public void Mail_body_is_the_html_report_of_the_selected_tokens()
        {
            var s = AlertSelection.Select(ReportData.Mixed(), HealthStatus.Critical, ReportData.At);
            var body = AlertMail.Build(s, new[] { " ops@contoso.com ", "", "it@contoso.com" });
            Assert.False(body.SaveToSentItems);
            Assert.Equal(BodyType.Html, body.Message!.Body!.ContentType);
            Assert.Contains("Expired ASM", body.Message.Body.Content);
            Assert.DoesNotContain("Warn ABM", body.Message.Body.Content);
            Assert.Equal(Importance.High, body.Message.Importance);
            Assert.Equal(new[] { "ops@contoso.com", "it@contoso.com" }, body.Message.ToRecipients!.Select(r => r.EmailAddress!.Address));
            Assert.Throws<ArgumentException>(() => AlertMail.Build(s, new[] { " " }));
        }
    }

    public class WebhookUrlTests
    {
        [Theory]
        [InlineData("https://prod-01.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=x")]
        [InlineData("http://127.0.0.1:5000/hook")]
        [InlineData("http://localhost/hook")]
        [InlineData("http://[::1]:8080/hook")]
        public void Accepts_https_and_loopback_http(string url) => Assert.NotNull(WebhookUrl.Validate(url));

        [Theory]
        [InlineData("http://hooks.example.com/secret-path?sig=secret-sig")]
        [InlineData("ftp://hooks.example.com/secret-path?sig=secret-sig")]
        [InlineData("not a url secret-path")]
        [InlineData("")]
        public void Refuses_anything_else_without_echoing_it(string url)
        {
            var e = Assert.Throws<ArgumentException>(() => WebhookUrl.Validate(url));
            Assert.DoesNotContain("secret", e.ToString());
        }

        [Fact]
        public void Redacts_to_scheme_and_host()
        {
            var u = new Uri("https://x.example.com:8443/workflows/abc?sig=zzz");
            Assert.Equal("https://x.example.com:8443/…", WebhookUrl.Redact(u));
            Assert.Equal("failed at https://x.example.com:8443/… and https://x.example.com:8443/…",
                WebhookUrl.Scrub("failed at https://x.example.com:8443/workflows/abc?sig=zzz and /workflows/abc?sig=zzz", u));
        }
    }

    public class WebhookSenderTests
    {
        private static readonly Uri Url = new Uri("https://hooks.example.com/workflows/secret-flow/invoke?sig=secret-sig");

        private sealed class ScriptedHandler : HttpMessageHandler
        {
            private readonly Queue<Func<HttpResponseMessage>> _answers;
            public ScriptedHandler(params Func<HttpResponseMessage>[] answers) => _answers = new Queue<Func<HttpResponseMessage>>(answers);
            public List<string> Bodies { get; } = new List<string>();
            public List<string?> ContentTypes { get; } = new List<string?>();

            protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                Bodies.Add(await request.Content!.ReadAsStringAsync(cancellationToken));
                ContentTypes.Add(request.Content.Headers.ContentType?.MediaType);
                return _answers.Dequeue()();
            }
        }

        private static HttpResponseMessage Answer(HttpStatusCode code, int? retryAfter = null)
        {
            var r = new HttpResponseMessage(code);
            if (retryAfter.HasValue) r.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(retryAfter.Value));
            return r;
        }

        [Fact]
        public async Task Retries_429_after_Retry_After_then_succeeds()
        {
            var handler = new ScriptedHandler(() => Answer((HttpStatusCode)429, 7), () => Answer(HttpStatusCode.Accepted));
            var waits = new List<TimeSpan>();
            var log = new List<string>();
            var sender = new WebhookSender(handler, (t, _) => { waits.Add(t); return Task.CompletedTask; });
            var d = await sender.PostAsync(Url, "{}", log.Add, CancellationToken.None);
            Assert.Equal(202, d.StatusCode);
            Assert.Equal(2, d.Attempts);
            Assert.Equal(new[] { TimeSpan.FromSeconds(7) }, waits);
            Assert.Equal(new[] { "{}", "{}" }, handler.Bodies);
            Assert.Equal("application/json", handler.ContentTypes[0]);
            Assert.DoesNotContain(log, l => l.Contains("secret"));
        }

        [Fact]
        public async Task Gives_up_on_persistent_500_naming_the_status_not_the_url()
        {
            var handler = new ScriptedHandler(() => Answer(HttpStatusCode.InternalServerError), () => Answer(HttpStatusCode.InternalServerError), () => Answer(HttpStatusCode.InternalServerError));
            var waits = new List<TimeSpan>();
            var sender = new WebhookSender(handler, (t, _) => { waits.Add(t); return Task.CompletedTask; });
            var e = await Assert.ThrowsAsync<AlertDeliveryException>(() => sender.PostAsync(Url, "{}", null, CancellationToken.None));
            Assert.Equal(500, e.StatusCode);
            Assert.Equal(3, e.Attempts);
            Assert.Equal(AlertDeliveryFailure.Rejected, e.Failure);
            Assert.Contains("500", e.Message);
            Assert.Contains("https://hooks.example.com/…", e.Message);
            Assert.DoesNotContain("secret", e.ToString());
            Assert.Null(e.InnerException);
            Assert.Equal(new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2) }, waits);
        }

        [Fact]
        public async Task Does_not_retry_a_400()
        {
            var handler = new ScriptedHandler(() => Answer(HttpStatusCode.BadRequest));
            var e = await Assert.ThrowsAsync<AlertDeliveryException>(() => new WebhookSender(handler, (_, __) => Task.CompletedTask).PostAsync(Url, "{}", null, CancellationToken.None));
            Assert.Equal(1, e.Attempts);
            Assert.Contains("adaptive card", e.RecommendedAction);
        }

        [Fact]
        public async Task A_Retry_After_beyond_the_cap_ends_the_attempts()
        {
            var handler = new ScriptedHandler(() => Answer((HttpStatusCode)429, 3600));
            var e = await Assert.ThrowsAsync<AlertDeliveryException>(() => new WebhookSender(handler, (_, __) => Task.CompletedTask).PostAsync(Url, "{}", null, CancellationToken.None));
            Assert.Equal(429, e.StatusCode);
            Assert.Contains("3600 s", e.Message);
        }

        [Fact]
        public async Task Cancellation_stops_the_wait()
        {
            using var cts = new CancellationTokenSource();
            var handler = new ScriptedHandler(() => Answer((HttpStatusCode)503, 30));
            var sender = new WebhookSender(handler, (t, ct) => { cts.Cancel(); return Task.Delay(t, ct); });
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.PostAsync(Url, "{}", null, cts.Token));
        }

        [Fact]
        public async Task Network_failures_are_retried_then_reported_without_the_url()
        {
            var handler = new ScriptedHandler(
                () => throw new HttpRequestException("Connection refused (hooks.example.com:443) /workflows/secret-flow/invoke?sig=secret-sig"),
                () => throw new HttpRequestException("Connection refused"),
                () => throw new HttpRequestException("Connection refused"));
            var e = await Assert.ThrowsAsync<AlertDeliveryException>(() => new WebhookSender(handler, (_, __) => Task.CompletedTask).PostAsync(Url, "{}", null, CancellationToken.None));
            Assert.Equal(AlertDeliveryFailure.Network, e.Failure);
            Assert.DoesNotContain("secret", e.ToString());
        }
    }
}
