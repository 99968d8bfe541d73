using System;
using System.Net;

namespace AdeTokens.Graph
{
    /// <summary>Endpoints per cloud, from Microsoft's Get-MgEnvironment table.</summary>
    public static class GraphClouds
    {
        /// <summary>The Graph base URL (no version segment).</summary>
        public static Uri GraphEndpoint(GraphCloud cloud) => cloud switch
        {
            GraphCloud.USGov => new Uri("https://graph.microsoft.us"),
            GraphCloud.USGovDoD => new Uri("https://dod-graph.microsoft.us"),
            GraphCloud.China => new Uri("https://microsoftgraph.chinacloudapi.cn"),
            _ => new Uri("https://graph.microsoft.com"),
        };

        /// <summary>The Entra ID authority host.</summary>
        public static Uri AuthorityHost(GraphCloud cloud) => cloud switch
        {
            GraphCloud.USGov => new Uri("https://login.microsoftonline.us"),
            GraphCloud.USGovDoD => new Uri("https://login.microsoftonline.us"),
            GraphCloud.China => new Uri("https://login.chinacloudapi.cn"),
            _ => new Uri("https://login.microsoftonline.com"),
        };

        /// <summary>
        /// The token audience. It follows the cloud, not an overridden endpoint: a proxy or the
        /// simulated tenant in front of Graph still expects a token issued for Graph.
        /// </summary>
        public static string Resource(GraphCloud cloud) => GraphEndpoint(cloud).GetLeftPart(UriPartial.Authority);

        /// <summary>True for localhost and the loopback ranges, where plain http is allowed.</summary>
        public static bool IsLoopback(Uri uri)
        {
            if (uri is null) throw new ArgumentNullException(nameof(uri));
            if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            var host = uri.Host.Trim('[', ']');
            return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
        }

        /// <summary>
        /// Checks a Graph endpoint override: absolute, https (http only for loopback), no query or fragment.
        /// Returns the normalised base (scheme, host, port, path without trailing slash).
        /// </summary>
        public static Uri ValidateEndpoint(Uri endpoint)
        {
            if (endpoint is null) throw new ArgumentNullException(nameof(endpoint));
            if (!endpoint.IsAbsoluteUri)
                throw new ArgumentException($"The Graph endpoint '{endpoint}' is not an absolute URL. Give a URL such as https://graph.microsoft.com.");
            var scheme = endpoint.Scheme;
            if (scheme == Uri.UriSchemeHttp)
            {
                if (!IsLoopback(endpoint))
                    throw new ArgumentException($"The Graph endpoint '{endpoint}' uses plain http. Only https is allowed, except for loopback addresses (127.0.0.1, ::1, localhost) used for local testing.");
            }
            else if (scheme != Uri.UriSchemeHttps)
            {
                throw new ArgumentException($"The Graph endpoint '{endpoint}' must use https.");
            }
            if (!string.IsNullOrEmpty(endpoint.Query) || !string.IsNullOrEmpty(endpoint.Fragment))
                throw new ArgumentException($"The Graph endpoint '{endpoint}' must not carry a query or fragment.");
            var path = endpoint.AbsolutePath.TrimEnd('/');
            if (path.EndsWith("/beta", StringComparison.OrdinalIgnoreCase) || path.EndsWith("/v1.0", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"The Graph endpoint '{endpoint}' must not include the API version; give the base URL (for example https://graph.microsoft.com). AdeTokens adds /beta or /v1.0 itself.");
            return new Uri(endpoint.GetLeftPart(UriPartial.Authority) + path);
        }
    }
}
