using System;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace AdeTokens.Graph
{
    /// <summary>
    /// Reports each HTTP exchange (method, URL, status, request-id, time) to whoever is listening on this
    /// async flow: the cmdlet that made the call, which shows it as debug output. Headers and bodies are
    /// never reported, so tokens and uploaded server tokens cannot leak through it.
    /// </summary>
    public sealed class DiagnosticsHandler : DelegatingHandler
    {
        private static readonly AsyncLocal<Action<string>?> s_listener = new AsyncLocal<Action<string>?>();

        /// <summary>The listener for the current async flow.</summary>
        public static Action<string>? Listener
        {
            get => s_listener.Value;
            set => s_listener.Value = value;
        }

        /// <inheritdoc />
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var listener = s_listener.Value;
            var sw = Stopwatch.StartNew();
            try
            {
                var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (listener != null)
                {
                    var rid = response.Headers.TryGetValues("request-id", out var v) ? v.FirstOrDefault() : null;
                    var retry = response.Headers.RetryAfter != null ? $" Retry-After: {response.Headers.RetryAfter}" : string.Empty;
                    listener($"{request.Method} {request.RequestUri}{Attempt(request)} -> {(int)response.StatusCode} in {sw.ElapsedMilliseconds} ms (request-id {rid ?? "none"}){retry}");
                }
                return response;
            }
            catch (Exception e) when (listener != null && !(e is OperationCanceledException))
            {
                listener($"{request.Method} {request.RequestUri}{Attempt(request)} -> {e.GetType().Name} after {sw.ElapsedMilliseconds} ms");
                throw;
            }
        }

        // Graph's RetryHandler marks each resend with Retry-Attempt; showing it tells a retry from a new page.
        private static string Attempt(HttpRequestMessage request)
            => request.Headers.TryGetValues("Retry-Attempt", out var v) && v.FirstOrDefault() is string n ? $" (retry {n})" : string.Empty;
    }
}
