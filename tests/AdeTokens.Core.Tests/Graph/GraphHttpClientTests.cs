using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using AdeTokens.Graph;
using AdeTokens.Graph.Models;
using Microsoft.Graph;
using Xunit;

namespace AdeTokens.Tests.Graph
{
    public class GraphHttpClientTests
    {
        // A body that records whether anyone read it.
        private sealed class WatchedContent : HttpContent
        {
            public bool Read { get; private set; }

            protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context)
            {
                Read = true;
                var b = new byte[] { (byte)'{', (byte)'}' };
                return stream.WriteAsync(b, 0, b.Length);
            }

            protected override bool TryComputeLength(out long length)
            {
                length = 2;
                return true;
            }
        }

        private sealed class Answer : HttpMessageHandler
        {
            public WatchedContent? Last { get; private set; }
            public HttpRequestMessage? LastRequest { get; private set; }

            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                LastRequest = request;
                Last = new WatchedContent();
                return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = Last, RequestMessage = request });
            }
        }

        [Fact]
        public void Create_CarriesTheHeadersAndBaseAddressOfGraphsOwnClient_WithoutAClientWideTimeout()
        {
            using var graphs = GraphClientFactory.Create(GraphClientFactory.CreateDefaultHandlers(), "v1.0", GraphClientFactory.Global_Cloud);
            using var ours = GraphHttpClient.Create(GraphClientFactory.CreateDefaultHandlers(), "v1.0", GraphClientFactory.Global_Cloud);

            string Flat(HttpClient c) => string.Join("\n", c.DefaultRequestHeaders.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => h.Key + ": " + string.Join(",", h.Value)));
            Assert.Contains("FeatureFlag", Flat(graphs));
            Assert.Contains("Cache-Control", Flat(graphs));
            Assert.Equal(Flat(graphs), Flat(ours));
            Assert.Equal(graphs.BaseAddress, ours.BaseAddress);
            Assert.Equal(Timeout.InfiniteTimeSpan, ours.Timeout);
        }

        [Fact]
        public async Task SendAsync_HandsTheResponseOnUnread_WhereAStockClientCopiesTheBody()
        {
            // The request adapter calls the two-argument SendAsync for JSON; a stock client then reads the whole body.
            var stockTransport = new Answer();
            using (var stock = new HttpClient(stockTransport))
            using (var r = await stock.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/x"), CancellationToken.None))
                Assert.True(stockTransport.Last!.Read);

            var transport = new Answer();
            using var ours = GraphHttpClient.Create(new List<DelegatingHandler>(), "v1.0", GraphClientFactory.Global_Cloud, transport);
            using var response = await ours.SendAsync(new HttpRequestMessage(HttpMethod.Get, "http://127.0.0.1/x"), CancellationToken.None);
            Assert.False(transport.Last!.Read);
            Assert.Equal("{}", await response.Content.ReadAsStringAsync());
        }

        [Fact]
        public async Task RequestsGoAsHttp11_AsGraphsOwnClientSendsThem_SoEachRequestOnTheWireIsAConnection()
        {
            // Kiota copies the client's DefaultRequestVersion into each message, and Graph's factory (whose client
            // this one mirrors) leaves it at 1.1. The help says each of -ThrottleLimit's requests is a connection;
            // if this changes, so does that sentence.
            var transport = new Answer();
            using var client = GraphHttpClient.Create(new List<DelegatingHandler>(), "beta", GraphClientFactory.Global_Cloud, transport);
            var adapter = new BaseGraphRequestAdapter(new Microsoft.Kiota.Abstractions.Authentication.AnonymousAuthenticationProvider(), httpClient: client) { BaseUrl = "https://graph.microsoft.com/beta" };
            var request = new Microsoft.Kiota.Abstractions.RequestInformation { HttpMethod = Microsoft.Kiota.Abstractions.Method.GET, URI = new Uri("https://graph.microsoft.com/beta/deviceManagement/depOnboardingSettings") };
            await adapter.SendNoContentAsync(request);

            Assert.NotNull(transport.LastRequest);
            Assert.Equal(new Version(1, 1), transport.LastRequest!.Version);
        }

        private sealed class Page : HandOffCollectionResponse<ImportedAppleDeviceIdentity>
        {
            protected override ImportedAppleDeviceIdentity CreateItem(Microsoft.Kiota.Abstractions.Serialization.IParseNode node) => new ImportedAppleDeviceIdentity();
        }

        [Fact]
        public void HandOffPage_GivesItsItemsToTheFirstReaderOnly()
        {
            var items = new List<ImportedAppleDeviceIdentity> { new ImportedAppleDeviceIdentity { SerialNumber = "C02X" } };
            var page = new Page { Value = items, OdataNextLink = "http://127.0.0.1/next" };
            Assert.Same(items, page.Value);
            Assert.Null(page.Value);
            Assert.Equal("http://127.0.0.1/next", page.OdataNextLink);
        }
    }
}
