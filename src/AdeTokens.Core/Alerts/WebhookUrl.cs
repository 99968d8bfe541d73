using System;
using AdeTokens.Graph;

namespace AdeTokens.Alerts
{
    /// <summary>
    /// Checks and redacts Teams Workflows webhook URLs. The URL is a secret (its query carries the signature and
    /// its path the flow id), so no message built here contains more of it than scheme and host.
    /// </summary>
    public static class WebhookUrl
    {
        /// <summary>"https://host/…": what may be shown of a webhook URL.</summary>
        public static string Redact(Uri uri)
        {
            if (uri is null) throw new ArgumentNullException(nameof(uri));
            return uri.IsAbsoluteUri ? $"{uri.Scheme}://{uri.Authority}/…" : "(a relative URL)";
        }

        /// <summary>
        /// Parses and checks a webhook URL: absolute, https (plain http only for loopback hosts, the same rule as
        /// Connect-AdeGraph's -GraphEndpoint). Throws ArgumentException with a message that never echoes the URL.
        /// </summary>
        public static Uri Validate(string? url)
        {
            if (string.IsNullOrWhiteSpace(url)) throw new ArgumentException("The Teams webhook URL is empty.");
            if (!Uri.TryCreate(url!.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
                throw new ArgumentException("The Teams webhook URL is not an absolute URL. Copy the whole URL from the workflow's \"When a Teams webhook request is received\" trigger.");
            if (uri.Scheme == Uri.UriSchemeHttp)
            {
                if (!GraphClouds.IsLoopback(uri))
                    throw new ArgumentException($"The Teams webhook URL {Redact(uri)} uses plain http. Only https is allowed, except for loopback addresses (127.0.0.1, ::1, localhost) used for local testing.");
            }
            else if (uri.Scheme != Uri.UriSchemeHttps)
            {
                throw new ArgumentException($"The Teams webhook URL must use https, not {uri.Scheme}.");
            }
            return uri;
        }

        /// <summary>Replaces every occurrence of the URL, its path and its query in <paramref name="text"/> with the redacted form.</summary>
        public static string Scrub(string? text, Uri uri)
        {
            if (string.IsNullOrEmpty(text) || uri is null) return text ?? string.Empty;
            var redacted = Redact(uri);
            var result = text!;
            foreach (var part in new[] { uri.OriginalString, uri.AbsoluteUri, uri.PathAndQuery, uri.Query, uri.AbsolutePath })
            {
                if (part.Length > 1 && part != "/") result = result.Replace(part, redacted);
            }
            return result;
        }
    }
}
