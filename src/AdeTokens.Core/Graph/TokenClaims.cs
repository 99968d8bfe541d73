using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace AdeTokens.Graph
{
    /// <summary>
    /// What the access token says about itself. Read without validation: Graph validates it; we only
    /// show the caller who they are and what they were granted.
    /// </summary>
    public sealed class TokenClaims
    {
        /// <summary>Tenant (tid).</summary>
        public string? TenantId { get; private set; }
        /// <summary>App id (appid or azp).</summary>
        public string? AppId { get; private set; }
        /// <summary>User principal name or unique name, for delegated tokens.</summary>
        public string? Account { get; private set; }
        /// <summary>Object id of the user or service principal.</summary>
        public string? ObjectId { get; private set; }
        /// <summary>Application permissions (roles).</summary>
        public IReadOnlyList<string> Roles { get; private set; } = Array.Empty<string>();
        /// <summary>Delegated permissions (scp).</summary>
        public IReadOnlyList<string> Scopes { get; private set; } = Array.Empty<string>();
        /// <summary>Expiry (exp).</summary>
        public DateTimeOffset? ExpiresOn { get; private set; }

        /// <summary>Parses a JWT's payload. Returns an empty set for opaque tokens.</summary>
        public static TokenClaims Parse(string? jwt)
        {
            var claims = new TokenClaims();
            if (string.IsNullOrEmpty(jwt)) return claims;
            var parts = jwt!.Split('.');
            if (parts.Length < 2) return claims;
            try
            {
                var json = Encoding.UTF8.GetString(Base64UrlDecode(parts[1]));
                using var doc = JsonDocument.Parse(json);
                var root = doc.RootElement;
                if (root.ValueKind != JsonValueKind.Object) return claims;
                claims.TenantId = Str(root, "tid");
                claims.AppId = Str(root, "appid") ?? Str(root, "azp");
                claims.Account = Str(root, "upn") ?? Str(root, "unique_name") ?? Str(root, "preferred_username");
                claims.ObjectId = Str(root, "oid");
                if (root.TryGetProperty("roles", out var roles) && roles.ValueKind == JsonValueKind.Array)
                    claims.Roles = roles.EnumerateArray().Where(r => r.ValueKind == JsonValueKind.String).Select(r => r.GetString()!).ToArray();
                var scp = Str(root, "scp");
                if (!string.IsNullOrEmpty(scp))
                    claims.Scopes = scp!.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries);
                if (root.TryGetProperty("exp", out var exp) && exp.ValueKind == JsonValueKind.Number && exp.TryGetInt64(out var expSeconds))
                    claims.ExpiresOn = DateTimeOffset.FromUnixTimeSeconds(expSeconds);
            }
            catch (Exception e) when (e is FormatException || e is JsonException || e is ArgumentException)
            {
                // Not a JWT we can read (opaque or encrypted): the context just shows fewer details.
            }
            return claims;
        }

        private static string? Str(JsonElement root, string name)
            => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static byte[] Base64UrlDecode(string s)
        {
            var t = s.Replace('-', '+').Replace('_', '/');
            switch (t.Length % 4)
            {
                case 2: t += "=="; break;
                case 3: t += "="; break;
            }
            return Convert.FromBase64String(t);
        }
    }
}
