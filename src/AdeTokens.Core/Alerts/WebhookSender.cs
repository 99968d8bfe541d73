using System;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Http;
namespace AdeTokens.Alerts
{
    /// <summary>
    /// POSTs a JSON body to a webhook. What is retried, how often and how long it waits is the shared
    /// <see cref="RetryPolicy"/> (<see cref="RetryPolicy.Webhook"/> by default): 429 and 5xx answers and network
    /// failures, a Retry-After honoured, a Retry-After longer than the policy's longest wait ending the attempts
    /// rather than block a runbook.
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

        /// <summary>When to post again (default: <see cref="RetryPolicy.Webhook"/>, at most 3 requests).</summary>
        public RetryPolicy Policy { get; set; } = RetryPolicy.Webhook;

        /// <summary>Posts <paramref name="json"/> to <paramref name="url"/>; throws AlertDeliveryException when it does not get through.</summary>
        public async Task<WebhookDelivery> PostAsync(Uri url, string json, Action<string>? log, CancellationToken cancellationToken)
        {
            if (url is null) throw new ArgumentNullException(nameof(url));
            if (json is null) throw new ArgumentNullException(nameof(json));
            var where = WebhookUrl.Redact(url);
            var policy = Policy;
            var total = policy.MaxRetries + 1;
            var waited = TimeSpan.Zero;
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
                catch (Exception e) when (RetryPolicy.IsTransient(e) && !cancellationToken.IsCancellationRequested)
                {
                    var what = e is TaskCanceledException ? "did not answer within 100 seconds" : "could not be reached: " + WebhookUrl.Scrub(FirstLine(e.GetBaseException().Message), url);
                    // A POST: the policy decides whether one that may have arrived goes again (RetryPolicy.Webhook says why it does).
                    var wait = policy.MayResend(e, idempotent: false) ? policy.NextWait(attempt, null, waited, jitter: true) : null;
                    if (wait.HasValue)
                    {
                        log?.Invoke($"The Teams webhook at {where} {what}; retrying in {Seconds(wait.Value)}.");
                        waited += wait.Value;
                        await _delay(wait.Value, cancellationToken).ConfigureAwait(false);
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

                    var retryable = policy.IsTransient(status);
                    var retryAfter = RetryPolicy.RetryAfter(response);
                    var wait = retryable ? policy.NextWait(attempt, retryAfter, waited) : null;
                    if (wait.HasValue)
                    {
                        log?.Invoke($"The Teams webhook answered {status} {response.ReasonPhrase}; retrying in {Seconds(wait.Value)}{(retryAfter.HasValue ? " as its Retry-After asks" : string.Empty)}.");
                        waited += wait.Value;
                        await _delay(wait.Value, cancellationToken).ConfigureAwait(false);
                        continue;
                    }

                    var why = !retryable ? string.Empty
                        : retryAfter > policy.MaxDelay ? $" It asked to retry after {Seconds(retryAfter.Value)}, longer than the {Seconds(policy.MaxDelay)} this command waits."
                        : attempt < total ? $" Waiting again would take more than the {Seconds(policy.TotalWaitLimit)} this command waits in all."
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

        private static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture) + " s";

        private static string FirstLine(string s)
        {
            var i = s.IndexOfAny(new[] { '\r', '\n' });
            return (i >= 0 ? s.Substring(0, i) : s).Trim();
        }
    }
}
