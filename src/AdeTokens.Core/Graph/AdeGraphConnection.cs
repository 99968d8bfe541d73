using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware.Options;

namespace AdeTokens.Graph
{
    /// <summary>
    /// One signed-in connection: the credential, the Microsoft.Graph client (its request adapter, retry
    /// middleware and page iterator carry every call, beta ones included) and what the token says.
    /// </summary>
    public sealed class AdeGraphConnection : IDisposable
    {
        private readonly HttpClient _httpClient;

        private AdeGraphConnection(ConnectOptions options, TokenCredential credential, HttpClient httpClient, GraphServiceClient client, Uri endpoint)
        {
            Options = options;
            Credential = credential;
            _httpClient = httpClient;
            Client = client;
            GraphEndpoint = endpoint;
        }

        /// <summary>How the connection was made (secrets are not kept here after connect).</summary>
        public ConnectOptions Options { get; }
        /// <summary>The credential.</summary>
        public TokenCredential Credential { get; }
        /// <summary>The typed v1.0 client; its RequestAdapter also carries our beta requests.</summary>
        public GraphServiceClient Client { get; }
        /// <summary>Graph base URL without version.</summary>
        public Uri GraphEndpoint { get; }
        /// <summary>Claims of the token obtained at connect time.</summary>
        public TokenClaims Claims { get; private set; } = new TokenClaims();
        /// <summary>When the connection was made.</summary>
        public DateTimeOffset ConnectedAt { get; } = DateTimeOffset.UtcNow;

        /// <summary>Base URL for beta requests.</summary>
        public string BetaBase => GraphEndpoint.ToString().TrimEnd('/') + "/beta";

        /// <summary>Builds the client and gets a first token, so bad credentials fail here and not later.</summary>
        public static async Task<AdeGraphConnection> ConnectAsync(ConnectOptions options, CancellationToken cancellationToken)
        {
            if (options is null) throw new ArgumentNullException(nameof(options));
            if (options.MaxRetry < 0 || options.MaxRetry > 10)
                throw new ArgumentOutOfRangeException(nameof(options), "MaxRetry must be between 0 and 10.");
            var endpoint = options.EffectiveGraphEndpoint;
            var credential = CredentialFactory.Create(options);
            var scopes = options.TokenScopes();

            var connection = Create(options, credential, endpoint, scopes);
            try
            {
                var token = await credential.GetTokenAsync(new TokenRequestContext(scopes), cancellationToken).ConfigureAwait(false);
                connection.Claims = TokenClaims.Parse(token.Token);
            }
            catch (Exception e)
            {
                connection.Dispose();
                throw GraphErrorMapper.Map(e, "sign in to Microsoft Graph", GraphPermissions.Read);
            }
            // Drop the secret material we no longer need; the credential keeps what it must.
            options.ClientSecret = null;
            options.AccessToken = null;
            return connection;
        }

        internal static AdeGraphConnection Create(ConnectOptions options, TokenCredential credential, Uri endpoint, string[] scopes)
        {
            var handlers = GraphClientFactory.CreateDefaultHandlers();
            for (var i = 0; i < handlers.Count; i++)
            {
                if (handlers[i] is RetryHandler)
                    handlers[i] = new RetryHandler(new RetryHandlerOption { MaxRetry = options.MaxRetry });
                else if (handlers[i] is UserAgentHandler)
                    handlers[i] = new UserAgentHandler(new UserAgentHandlerOption { ProductName = "AdeTokens", ProductVersion = ModuleInfo.Version });
            }
            // Innermost, so every retry attempt is reported separately.
            handlers.Add(new DiagnosticsHandler());
            var httpClient = GraphClientFactory.Create(handlers, version: "v1.0", nationalCloud: GraphClientFactory.Global_Cloud);
            httpClient.Timeout = TimeSpan.FromSeconds(100);
            var auth = new AzureIdentityAuthenticationProvider(credential, new[] { endpoint.Host }, null, true, scopes);
            var client = new GraphServiceClient(httpClient, auth, endpoint.ToString().TrimEnd('/') + "/v1.0");
            return new AdeGraphConnection(options, credential, httpClient, client, endpoint);
        }

        /// <summary>The roles or scopes granted, whichever the token carries.</summary>
        public IReadOnlyList<string> GrantedPermissions => Claims.Roles.Count > 0 ? Claims.Roles : Claims.Scopes;

        /// <inheritdoc />
        public void Dispose()
        {
            _httpClient.Dispose();
        }
    }
}
