using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Http;
using Microsoft.Kiota.Http.HttpClientLibrary.Extensions;

namespace AdeTokens.Graph
{
    /// <summary>
    /// Sits below the Graph client's RetryHandler, so every attempt it makes passes through here. Per attempt it:
    /// takes a slot of the run's <see cref="RequestGate"/> when the request carries one, until the body is in;
    /// waits for a slot in the tenant's <see cref="RequestBudget"/>; gives the attempt its own timeout; for a GET,
    /// reads the whole body so a connection reset or a truncated body surfaces here and can be retried (the
    /// RetryHandler only looks at status codes), into pooled segments (<see cref="PooledBodyContent"/>); asks the credential for a new token once after a 401; and tells
    /// the budget about any 429.
    /// </summary>
    public sealed class ResilienceHandler : DelegatingHandler
    {
        private readonly RequestBudget _budget;
        private readonly GraphResilienceOptions _options;
        private readonly RetryPolicy _transport;
        private readonly Func<CancellationToken, Task<string?>>? _renewToken;

        /// <summary>Creates the handler.</summary>
        /// <param name="budget">The tenant and app's shared budget.</param>
        /// <param name="options">Timeouts and retry counts.</param>
        /// <param name="renewToken">Gets a fresh access token, bypassing caches; null when the token can't be renewed.</param>
        public ResilienceHandler(RequestBudget budget, GraphResilienceOptions options, Func<CancellationToken, Task<string?>>? renewToken)
        {
            _budget = budget ?? throw new ArgumentNullException(nameof(budget));
            _options = options ?? throw new ArgumentNullException(nameof(options));
            _transport = options.TransportRetry;
            _renewToken = renewToken;
        }

        /// <summary>The budget this handler spends.</summary>
        public RequestBudget Budget => _budget;

        /// <inheritdoc />
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content != null) await request.Content.LoadIntoBufferAsync().ConfigureAwait(false);
            var (slots, readOnlyBatch) = await InspectBatchAsync(request).ConfigureAwait(false);
            // A GET, or a $batch of nothing but GETs, is safe to send again after a reset or a timeout.
            var isGet = request.Method == HttpMethod.Get || readOnlyBatch;
            var isWrite = !isGet && !IsBatch(request);
            var transportFailures = 0;
            var waitedForTransport = TimeSpan.Zero;
            var renewed = false;
            var gate = request.GetRequestOption<RequestGate>();
            while (true)
            {
                HttpResponseMessage? response = null;
                TimeSpan? resendAfter = null;
                // The run's slot is taken for the attempt only: a retry's wait, above or below, holds none.
                if (gate != null) await gate.EnterAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    var waited = await _budget.AcquireAsync(slots, isWrite, cancellationToken).ConfigureAwait(false);
                    if (waited > TimeSpan.FromSeconds(1))
                        GraphActivity.Say(FormattableString.Invariant($"Waited {waited.TotalSeconds:0.0} s for Intune's request budget ({_budget.Limit} per {_budget.Window.TotalSeconds:0} s for this app and tenant) before {GraphActivity.Describe(request.Method.Method, request.RequestUri)}."));
                    response = await AttemptAsync(request, isGet, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested && RetryPolicy.IsTransient(e))
                {
                    var what = e is AttemptTimedOutException
                        ? FormattableString.Invariant($"did not answer within {_options.AttemptTimeout.TotalSeconds:0.#} s")
                        : $"failed in transit ({FirstLine(e)})";
                    transportFailures++;
                    // Only a GET is safe to send twice: a write that timed out may have been applied.
                    resendAfter = _transport.MayResend(e, isGet) ? _transport.NextWait(transportFailures, null, waitedForTransport, jitter: true) : null;
                    if (resendAfter is null)
                    {
                        var tries = transportFailures == 1 ? "once" : $"{transportFailures} times";
                        throw new HttpRequestException(
                            $"{GraphActivity.Describe(request.Method.Method, request.RequestUri)} {what}" + (isGet ? $"; it was tried {tries}." : "; a write is not sent twice, so check whether it was applied before trying again."),
                            e);
                    }
                    waitedForTransport += resendAfter.Value;
                    GraphActivity.Say(FormattableString.Invariant($"{GraphActivity.Describe(request.Method.Method, request.RequestUri)} {what}; retrying in {resendAfter.Value.TotalSeconds:0.0} s (transport retry {transportFailures} of {_transport.MaxRetries})."));
                }
                finally
                {
                    gate?.Leave();
                }
                if (response is null)
                {
                    await Task.Delay(resendAfter!.Value, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (response.StatusCode == HttpStatusCode.Unauthorized && !renewed && _renewToken != null)
                {
                    renewed = true;
                    var fresh = await _renewToken(cancellationToken).ConfigureAwait(false);
                    if (!string.IsNullOrEmpty(fresh))
                    {
                        GraphActivity.Say($"{GraphActivity.Describe(request.Method.Method, request.RequestUri)} was refused with 401 (request-id {RequestId(response) ?? "none"}); got a new access token from the credential and retrying once.");
                        response.Dispose();
                        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", fresh);
                        continue;
                    }
                }

                if ((int)response.StatusCode == 429)
                    _budget.ReportThrottled(RetryPolicy.RetryAfter(response));
                return response;
            }
        }

        // One attempt with its own timeout. For a GET the whole body is read here, so a reset or a truncated body
        // surfaces as an exception that can be retried.
        private async Task<HttpResponseMessage> AttemptAsync(HttpRequestMessage request, bool isGet, CancellationToken cancellationToken)
        {
            HttpResponseMessage? response = null;
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            attempt.CancelAfter(_options.AttemptTimeout);
            try
            {
                response = await base.SendAsync(request, attempt.Token).ConfigureAwait(false);
                if (response.Content != null)
                {
                    // netstandard2.0 has no cancellable LoadIntoBufferAsync: disposing the response is what
                    // stops a body that stalls past the attempt's timeout.
                    var body = response;
                    using (attempt.Token.Register(() => body.Dispose()))
                    {
                        // The client above hands responses on unread (GraphHttpClient), so every body is read
                        // here. A GET's goes into pooled segments, which come back when the request adapter
                        // disposes the response; any other is buffered as HttpClient would have done.
                        if (isGet)
                            response.Content = await PooledBodyContent.ReadAsync(response.Content, attempt.Token).ConfigureAwait(false);
                        else
                            await response.Content.LoadIntoBufferAsync().ConfigureAwait(false);
                    }
                    attempt.Token.ThrowIfCancellationRequested();
                }
                return response;
            }
            catch (Exception e) when (!cancellationToken.IsCancellationRequested && RetryPolicy.IsTransient(e))
            {
                response?.Dispose();
                if (attempt.IsCancellationRequested) throw new AttemptTimedOutException(e);
                throw;
            }
        }

        // An attempt that ran past its own timeout, told apart from other transient failures for the message.
        private sealed class AttemptTimedOutException : OperationCanceledException
        {
            public AttemptTimedOutException(Exception inner) : base(inner.Message, inner) { }
        }

        /// <summary>The wait before transport retry <paramref name="failure"/>: the shared policy's full jitter.</summary>
        internal TimeSpan Backoff(int failure) => _transport.JitteredBackoff(failure);

        private static bool IsBatch(HttpRequestMessage request)
            => request.Method == HttpMethod.Post && request.RequestUri != null && request.RequestUri.AbsolutePath.EndsWith("/$batch", StringComparison.OrdinalIgnoreCase);

        // Intune counts each request inside a $batch; we count those and the envelope, so we never count fewer than it.
        private static async Task<(int Slots, bool ReadOnly)> InspectBatchAsync(HttpRequestMessage request)
        {
            if (!IsBatch(request) || request.Content is null) return (1, false);
            try
            {
                var bytes = await request.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                using var doc = JsonDocument.Parse(bytes);
                if (!doc.RootElement.TryGetProperty("requests", out var r) || r.ValueKind != JsonValueKind.Array) return (1, false);
                var readOnly = r.EnumerateArray().All(i => i.TryGetProperty("method", out var m) && string.Equals(m.GetString(), "GET", StringComparison.OrdinalIgnoreCase));
                return (r.GetArrayLength() + 1, readOnly);
            }
            catch (JsonException)
            {
                return (1, false);
            }
        }

        internal static string? RequestId(HttpResponseMessage response)
            => response.Headers.TryGetValues("request-id", out var v) ? v.FirstOrDefault() : null;

        private static string FirstLine(Exception e)
        {
            var inner = e;
            while (inner.InnerException != null && (inner is HttpRequestException || inner is AggregateException)) inner = inner.InnerException;
            var m = inner.Message;
            var i = m.IndexOfAny(new[] { '\r', '\n' });
            return (i >= 0 ? m.Substring(0, i) : m).Trim();
        }
    }
}
