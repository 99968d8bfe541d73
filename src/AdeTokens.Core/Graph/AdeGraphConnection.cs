using System;
using System.Collections.Generic;
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

            TokenClaims claims;
            try
            {
                var token = await credential.GetTokenAsync(new TokenRequestContext(scopes), cancellationToken).ConfigureAwait(false);
                claims = TokenClaims.Parse(token.Token);
            }
            catch (Exception e)
            {
                throw GraphErrorMapper.Map(e, "sign in to Microsoft Graph", GraphPermissions.Read);
            }
            var connection = Create(options, credential, endpoint, scopes, claims);
            // Drop the secret material we no longer need; the credential keeps what it must.
            options.ClientSecret = null;
            options.AccessToken = null;
            return connection;
        }

        internal static AdeGraphConnection Create(ConnectOptions options, TokenCredential credential, Uri endpoint, string[] scopes, TokenClaims? claims = null)
        {
            claims ??= new TokenClaims();
            var resilience = options.Resilience;
            resilience.MaxRetry = options.MaxRetry;
            // One budget per tenant and app in the process: Intune counts per app per tenant, whichever runspace sends.
            var budget = RequestBudget.For(claims.TenantId ?? options.TenantId, claims.AppId ?? options.ClientId, endpoint.Host,
                resilience.BudgetLimit, resilience.BudgetWriteLimit, resilience.BudgetWindow);

            var status = resilience.StatusRetry;
            var handlers = GraphClientFactory.CreateDefaultHandlers();
            for (var i = 0; i < handlers.Count; i++)
            {
                if (handlers[i] is RetryHandler)
                    handlers[i] = new RetryHandler(new RetryHandlerOption
                    {
                        MaxRetry = status.MaxRetries,
                        Delay = (int)status.BaseDelay.TotalSeconds,
                        RetriesTimeLimit = status.TotalWaitLimit,
                        // Kiota asks this for every response, not only for the ones it would retry by default.
                        ShouldRetry = (delay, attempt, response) =>
                        {
                            if (!status.IsTransient((int)response.StatusCode)) return false;
                            SayRetry(response, attempt, status.MaxRetries, delay);
                            return true;
                        },
                    });
                else if (handlers[i] is UserAgentHandler)
                    handlers[i] = new UserAgentHandler(new UserAgentHandlerOption { ProductName = "AdeTokens", ProductVersion = ModuleInfo.Version });
            }
            // Below the RetryHandler, so each of its attempts takes a budget slot, gets its own timeout and has its
            // body read where a reset can still be retried. Diagnostics is innermost: it reports every attempt.
            handlers.Add(new ResilienceHandler(budget, resilience, ct => RenewTokenAsync(credential, scopes, ct)));
            handlers.Add(new DiagnosticsHandler());
            // Graph's pipeline and headers, without a second copy of each body (GraphHttpClient says why) and without
            // a client-wide timeout over the RetryHandler's waits.
            HttpClient httpClient = GraphHttpClient.Create(handlers, version: "v1.0", nationalCloud: GraphClientFactory.Global_Cloud);
            var auth = new AzureIdentityAuthenticationProvider(credential, new[] { endpoint.Host }, null, true, scopes);
            // Both adapters parse JSON without Kiota's copy of each document (PooledJsonParseNodeFactory says why), through
            // a registry of their own: the process-wide default one is shared with whatever else in the process uses Kiota.
            var parsers = Json.PooledJsonParseNodeFactory.CreateRegistry();
            var v1 = new BaseGraphRequestAdapter(auth, parseNodeFactory: parsers, httpClient: httpClient) { BaseUrl = endpoint.ToString().TrimEnd('/') + "/v1.0" };
            var client = new GraphServiceClient(v1, v1.BaseUrl);
            var beta = new BaseGraphRequestAdapter(auth, parseNodeFactory: parsers, httpClient: httpClient) { BaseUrl = endpoint.ToString().TrimEnd('/') + "/beta" };
            return new AdeGraphConnection(options, credential, httpClient, client, endpoint) { Claims = claims, Budget = budget, BetaAdapter = beta };
        }

        /// <summary>A request adapter based at /beta over the same HttpClient and credential (for /beta/$batch).</summary>
        public Microsoft.Kiota.Abstractions.IRequestAdapter BetaAdapter { get; private set; } = null!;

        /// <summary>The tenant and app's request budget, shared by every connection to them in this process.</summary>
        public RequestBudget Budget { get; private set; } = RequestBudget.For(null, null, "unknown");

        /// <summary>What this connection has learned about the service: answers that hold for the connection's life.</summary>
        public ServiceCapabilities Capabilities { get; } = new ServiceCapabilities();

        // A 401 in the middle of a run usually means the token expired under us. The claims challenge makes
        // MSAL-backed credentials skip their cache, as a CAE challenge does; a static token just comes back as is.
        private static async Task<string?> RenewTokenAsync(TokenCredential credential, string[] scopes, CancellationToken cancellationToken)
        {
            try
            {
                var nbf = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
                var challenge = "{\"access_token\":{\"nbf\":{\"essential\":true,\"value\":\"" + nbf + "\"}}}";
                var token = await credential.GetTokenAsync(new TokenRequestContext(scopes, claims: challenge), cancellationToken).ConfigureAwait(false);
                return token.Token;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                GraphActivity.Say($"Could not get a new access token after a 401: {e.GetType().Name}.");
                return null;
            }
        }

        private static void SayRetry(HttpResponseMessage response, int attempt, int maxRetry, int delaySeconds)
        {
            if (GraphActivity.Verbose is null) return;
            var rid = ResilienceHandler.RequestId(response) ?? "none";
            var ra = response.Headers.RetryAfter?.Delta is { } d ? $"Retry-After {d.TotalSeconds:0} s" : $"no Retry-After, backing off from {delaySeconds} s";
            GraphActivity.Say($"Graph answered {(int)response.StatusCode} to {GraphActivity.Describe(response.RequestMessage?.Method.Method ?? "?", response.RequestMessage?.RequestUri)} (request-id {rid}); retry {attempt + 1} of {maxRetry} ({ra}).");
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
