using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Graph;

namespace AdeTokens.Graph
{
    /// <summary>
    /// The HttpClient under both request adapters: Graph's handler pipeline, with the headers, base address and
    /// cache control Graph's own factory gives its client, but it hands the response on once the headers are in.
    /// </summary>
    /// <remarks>
    /// The request adapter sends a JSON request through <see cref="HttpMessageInvoker.SendAsync"/>, and a stock
    /// HttpClient then copies the whole body into one array of its length: a large-object array for every device
    /// page, about 52 MB per 100 x 2,000 run, each zeroed and soon collected. The <see cref="ResilienceHandler"/>
    /// below has already read every body in full (a GET into pooled segments, which go back when the request adapter
    /// disposes the response), so that copy bought nothing.
    /// </remarks>
    internal sealed class GraphHttpClient : HttpClient
    {
        private GraphHttpClient(HttpMessageHandler pipeline)
            : base(pipeline, disposeHandler: true)
        {
        }

        /// <summary>
        /// Builds the client over <paramref name="handlers"/>. Graph's factory computes its default headers (the
        /// FeatureFlag of the handler types in use, cache control) when it builds a client, and does not expose how;
        /// so one is built over a fresh set of Graph's default handlers, which have the same types, and its headers
        /// taken. Once per connection, never per request.
        /// </summary>
        /// <param name="handlers">The delegating handlers, outermost first.</param>
        /// <param name="version">Graph version for the base address and the headers.</param>
        /// <param name="nationalCloud">Graph's name for the cloud.</param>
        /// <param name="finalHandler">The transport; null for Graph's own (tests pass one).</param>
        public static GraphHttpClient Create(IList<DelegatingHandler> handlers, string version, string nationalCloud, HttpMessageHandler? finalHandler = null)
        {
            if (handlers is null) throw new ArgumentNullException(nameof(handlers));
            var client = new GraphHttpClient(GraphClientFactory.CreatePipeline(handlers, finalHandler));
            using (var graphs = GraphClientFactory.Create(GraphClientFactory.CreateDefaultHandlers(), version, nationalCloud))
            {
                foreach (var header in graphs.DefaultRequestHeaders)
                    client.DefaultRequestHeaders.TryAddWithoutValidation(header.Key, header.Value);
                client.BaseAddress = graphs.BaseAddress;
            }
            // Each attempt has its own timeout (ResilienceHandler). A client-wide one would also cover the
            // RetryHandler's waits and end a run that honours a long Retry-After with a bare "task was canceled".
            client.Timeout = System.Threading.Timeout.InfiniteTimeSpan;
            return client;
        }

        /// <inheritdoc />
        public override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            => SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }
}
