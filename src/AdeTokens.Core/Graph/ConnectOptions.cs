using System;
using System.Collections.Generic;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace AdeTokens.Graph
{
    /// <summary>Everything needed to build a credential and a Graph client. Secrets stay SecureString until used.</summary>
    public sealed class ConnectOptions
    {
        /// <summary>Microsoft Graph Command Line Tools: the public client Connect-MgGraph also uses when no app is given.</summary>
        public const string DefaultPublicClientId = "14d82eec-204b-4c2f-b7e8-296a70dab67e";

        /// <summary>Authentication flow.</summary>
        public AuthType AuthType { get; set; } = AuthType.Interactive;
        /// <summary>Tenant id or domain.</summary>
        public string? TenantId { get; set; }
        /// <summary>App (client) id.</summary>
        public string? ClientId { get; set; }
        /// <summary>Client secret (app-only).</summary>
        public SecureString? ClientSecret { get; set; }
        /// <summary>Certificate with private key (app-only).</summary>
        public X509Certificate2? Certificate { get; set; }
        /// <summary>User-assigned managed identity client id.</summary>
        public string? ManagedIdentityClientId { get; set; }
        /// <summary>A ready access token.</summary>
        public SecureString? AccessToken { get; set; }
        /// <summary>Cloud.</summary>
        public GraphCloud Environment { get; set; } = GraphCloud.Global;
        /// <summary>Whether Environment was chosen explicitly (otherwise AZURE_AUTHORITY_HOST may apply).</summary>
        public bool EnvironmentSpecified { get; set; }
        /// <summary>Graph base URL override.</summary>
        public Uri? GraphEndpoint { get; set; }
        /// <summary>Delegated permissions to request (names without the resource prefix).</summary>
        public IList<string> Scopes { get; set; } = new List<string> { "DeviceManagementServiceConfig.Read.All" };
        /// <summary>Retries for 429/503/504 (0-10).</summary>
        public int MaxRetry { get; set; } = 10;
        /// <summary>Timeouts, transport retries and the request budget; test overrides are applied once here.</summary>
        public GraphResilienceOptions Resilience { get; set; } = new GraphResilienceOptions().ApplyTestOverrides();
        /// <summary>Receives the device-code message. It runs on a worker thread: queue, don't write.</summary>
        public Func<string, CancellationToken, Task>? DeviceCodeCallback { get; set; }

        /// <summary>The effective Graph base URL.</summary>
        public Uri EffectiveGraphEndpoint => GraphEndpoint != null ? GraphClouds.ValidateEndpoint(GraphEndpoint) : GraphClouds.GraphEndpoint(Environment);

        /// <summary>The scopes sent to Entra ID for this flow.</summary>
        public string[] TokenScopes()
        {
            var resource = GraphClouds.Resource(Environment);
            if (AuthType == AuthType.Interactive || AuthType == AuthType.DeviceCode)
            {
                var list = new List<string>();
                foreach (var s in Scopes)
                {
                    if (string.IsNullOrWhiteSpace(s)) continue;
                    list.Add(s.IndexOf("://", StringComparison.Ordinal) >= 0 ? s : resource + "/" + s.Trim());
                }
                return list.ToArray();
            }
            return new[] { resource + "/.default" };
        }
    }
}
