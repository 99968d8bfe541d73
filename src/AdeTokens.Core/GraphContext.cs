using System;
using System.Collections.Generic;

namespace AdeTokens
{
    /// <summary>The current connection, as Connect-AdeGraph and Get-AdeGraphContext show it. Holds no secret.</summary>
    public sealed class GraphContext
    {
        /// <summary>Tenant id (from the token when it carries one).</summary>
        public string? TenantId { get; set; }
        /// <summary>Interactive, DeviceCode, ClientSecret, Certificate, ManagedIdentity or AccessToken.</summary>
        public string AuthType { get; set; } = string.Empty;
        /// <summary>Global, USGov, USGovDoD or China.</summary>
        public string Environment { get; set; } = string.Empty;
        /// <summary>Graph base URL in use.</summary>
        public Uri? GraphEndpoint { get; set; }
        /// <summary>App (client) id.</summary>
        public string? ClientId { get; set; }
        /// <summary>Signed-in user, for delegated connections.</summary>
        public string? Account { get; set; }
        /// <summary>Delegated permissions in the token.</summary>
        public TextList Scopes { get; set; } = TextList.Empty;
        /// <summary>Application permissions (app roles) in the token.</summary>
        public TextList Roles { get; set; } = TextList.Empty;
        /// <summary>Certificate thumbprint, for certificate connections.</summary>
        public string? CertificateThumbprint { get; set; }
        /// <summary>User-assigned managed identity client id, if any.</summary>
        public string? ManagedIdentityClientId { get; set; }
        /// <summary>When the first token expires (tokens are refreshed automatically where the flow allows).</summary>
        public DateTimeOffset? TokenExpiresOn { get; set; }
        /// <summary>When Connect-AdeGraph ran.</summary>
        public DateTimeOffset ConnectedAt { get; set; }
        /// <summary>Whether the token carries the permission to read ADE tokens.</summary>
        public bool CanRead { get; set; }
        /// <summary>Whether the token carries a permission to sync, renew and assign.</summary>
        public bool CanWrite { get; set; }
        /// <summary>
        /// The Intune request budget this connection spends, as "tenant|app|host": connections to the same tenant
        /// and app share it (also across runspaces), other tenants have their own.
        /// </summary>
        public string? RequestBudget { get; set; }
        /// <summary>Requests this process has sent through that budget.</summary>
        public long RequestsSent { get; set; }
        /// <summary>How many of them Graph still answered with 429.</summary>
        public long RequestsThrottled { get; set; }

        /// <summary>Builds the context of a connection.</summary>
        public static GraphContext From(Graph.AdeGraphConnection c)
        {
            if (c is null) throw new ArgumentNullException(nameof(c));
            var o = c.Options;
            var claims = c.Claims;
            var granted = new HashSet<string>(c.GrantedPermissions, StringComparer.OrdinalIgnoreCase);
            bool write = granted.Contains("DeviceManagementServiceConfig.ReadWrite.All") || granted.Contains("DeviceManagementConfiguration.ReadWrite.All");
            bool read = write || granted.Contains("DeviceManagementServiceConfig.Read.All") || granted.Contains("DeviceManagementConfiguration.Read.All");
            return new GraphContext
            {
                TenantId = claims.TenantId ?? o.TenantId,
                AuthType = o.AuthType.ToString(),
                Environment = o.Environment.ToString(),
                GraphEndpoint = c.GraphEndpoint,
                ClientId = claims.AppId ?? o.ClientId ?? o.ManagedIdentityClientId,
                Account = claims.Account,
                Scopes = ToArray(claims.Scopes),
                Roles = ToArray(claims.Roles),
                CertificateThumbprint = o.Certificate?.Thumbprint,
                ManagedIdentityClientId = o.ManagedIdentityClientId,
                TokenExpiresOn = claims.ExpiresOn,
                ConnectedAt = c.ConnectedAt,
                CanRead = read,
                CanWrite = write,
                RequestBudget = c.Budget.Key,
                RequestsSent = c.Budget.TotalSent,
                RequestsThrottled = c.Budget.ThrottledCount,
            };
        }

        private static string[] ToArray(IReadOnlyList<string> list)
        {
            var a = new string[list.Count];
            for (var i = 0; i < a.Length; i++) a[i] = list[i];
            return a;
        }
    }
}
