using System;
using System.Globalization;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
namespace AdeTokens.Alerts
{
    /// <summary>
    /// POSTs a JSON body to a webhook, retrying 429 and 5xx (and network failures) a couple of times. A Retry-After
    /// header is honoured; without one the waits are 1 s, then 2 s. A Retry-After longer than
    /// <see cref="MaxRetryAfter"/> ends the attempts rather than block a runbook.
    /// </summary>
    public sealed class WebhookSender
    {
        private static readonly Lazy<HttpClient> s_shared = new Lazy<HttpClient>(() =>
            // No redirects: a webhook that redirects is misconfigured, and following it would send the alert elsewhere.
            new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(100) });

        private readonly HttpClient _client;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;

        /// <summary>Creates a sender; tests pass their own handler and delay.</summary>
        public WebhookSender(HttpMessageHandler? handler = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
        {
            _client = handler is null ? s_shared.Value : new HttpClient(handler, disposeHandler: false) { Timeout = TimeSpan.FromSeconds(100) };
            _delay = delay ?? ((t, ct) => Task.Delay(t, ct));
        }

        /// <summary>Retries after the first attempt (default 2, so at most 3 requests).</summary>
        public int MaxRetries { get; set; } = 2;

        /// <summary>The longest Retry-After that is waited for (default 60 s).</summary>
        public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>Posts <paramref name="json"/> to <paramref name="url"/>; throws AlertDeliveryException when it does not get through.</summary>
        public async Task<WebhookDelivery> PostAsync(Uri url, string json, Action<string>? log, CancellationToken cancellationToken)
        {
            if (url is null) throw new ArgumentNullException(nameof(url));
            if (json is null) throw new ArgumentNullException(nameof(json));
            var where = WebhookUrl.Redact(url);
            var total = MaxRetries + 1;
            for (var attempt = 1; ; attempt++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                log?.Invoke($"Posting the alert to the Teams webhook at {where} (attempt {attempt} of {total}).");
                HttpResponseMessage response;
                try
                {
                    using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
                    response = await _client.SendAsync(request, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when ((e is HttpRequestException || e is TaskCanceledException) && !cancellationToken.IsCancellationRequested)
                {
                    var what = e is TaskCanceledException ? "did not answer within 100 seconds" : "could not be reached: " + WebhookUrl.Scrub(FirstLine(e.GetBaseException().Message), url);
                    if (attempt < total)
                    {
                        var wait = Backoff(attempt);
                        log?.Invoke($"The Teams webhook at {where} {what}; retrying in {Seconds(wait)}.");
                        await _delay(wait, cancellationToken).ConfigureAwait(false);
                        continue;
                    }
                    throw new AlertDeliveryException($"The alert was not delivered: the Teams webhook at {where} {what} ({attempt} attempts).",
                        AlertDeliveryFailure.Network, null, attempt,
                        "Check network access from this machine to the webhook host (proxy, firewall, DNS), then run the command again.");
                }

                using (response)
                {
                    var status = (int)response.StatusCode;
                    if (status >= 200 && status < 300)
                    {
                        log?.Invoke($"The Teams webhook accepted the alert ({status} {response.ReasonPhrase}).");
                        return new WebhookDelivery { StatusCode = status, Attempts = attempt };
                    }

                    var retryable = status == 429 || status >= 500;
                    var retryAfter = RetryAfter(response);
                    if (retryable && attempt < total && (retryAfter is null || retryAfter <= MaxRetryAfter))
                    {
                        var wait = retryAfter ?? Backoff(attempt);
                        log?.Invoke($"The Teams webhook answered {status} {response.ReasonPhrase}; retrying in {Seconds(wait)}{(retryAfter.HasValue ? " as its Retry-After asks" : string.Empty)}.");
                        await _delay(wait, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    var why = retryable && retryAfter > MaxRetryAfter
                        ? $" It asked to retry after {Seconds(retryAfter.Value)}, longer than the {Seconds(MaxRetryAfter)} this command waits."
                        : string.Empty;
                    throw new AlertDeliveryException(
                        $"The alert was not delivered: the Teams webhook at {where} answered {status} {response.ReasonPhrase} ({attempt} {(attempt == 1 ? "attempt" : "attempts")}).{why}",
                        AlertDeliveryFailure.Rejected, status, attempt, Advice(status));
                }
            }
        }

        private static string Advice(int status) => status switch
        {
            400 => "The workflow rejected the message. Check that the flow's trigger is \"When a Teams webhook request is received\" and that it posts an adaptive card.",
            401 => "The workflow requires authentication. Use a trigger that anyone with the URL can call, or copy the URL again.",
            403 => "The workflow refused the request. Copy the URL again from the workflow's trigger; the signature may have changed.",
            404 => "The workflow does not exist any more, or the URL is incomplete. Copy the URL again from the workflow's trigger.",
            429 => "The workflow is throttled. Try again later, or send fewer alerts.",
            _ when status >= 500 => "The workflow service failed. Try again later; if it keeps failing, check the flow's run history in Power Automate.",
            _ => "Check the webhook URL and the workflow's run history in Power Automate.",
        };

        /// <summary>Retry-After as a delay: delta seconds or an HTTP date; null when absent.</summary>
        internal static TimeSpan? RetryAfter(HttpResponseMessage response)
        {
            var h = response.Headers.RetryAfter;
            if (h is null) return null;
            if (h.Delta.HasValue) return h.Delta.Value < TimeSpan.Zero ? TimeSpan.Zero : h.Delta.Value;
            if (h.Date.HasValue)
            {
                var d = h.Date.Value - DateTimeOffset.UtcNow;
                return d < TimeSpan.Zero ? TimeSpan.Zero : d;
            }
            return null;
        }

        private static TimeSpan Backoff(int attempt) => TimeSpan.FromSeconds(Math.Pow(2, attempt - 1));

        private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

        private static string FirstLine(string s)
        {
            var i = s.IndexOfAny(new[] { '\r', '\n' });
            return (i >= 0 ? s.Substring(0, i) : s).Trim();
        }
    }
}
