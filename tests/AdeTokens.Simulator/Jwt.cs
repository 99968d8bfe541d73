using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdeTokens.Simulator;

/// <summary>Who is calling and with which permissions: app roles for app-only tokens, scp scopes for delegated ones.</summary>
internal sealed record Principal(bool IsDelegated, IReadOnlySet<string> Permissions, string? AppId)
{
    public const string ItemKey = "sim.principal";
}

/// <summary>Mints and checks the only bearer tokens the simulated Graph accepts: HS256 with a key that lives and dies
/// with this process, so a token from anywhere else (or a previous run) is simply a bad signature.</summary>
internal sealed class JwtService
{
    public const string GraphResource = "https://graph.microsoft.com";
    private const string GraphAppId = "00000003-0000-0000-c000-000000000000";

    private static readonly HashSet<string> GraphAudiences = new(StringComparer.OrdinalIgnoreCase)
    {
        GraphResource, GraphResource + "/", GraphAppId,
    };

    private static readonly byte[] HeaderSegment = Encoding.ASCII.GetBytes(
        Base64Url.EncodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"u8));

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);

    public static string Issuer(string tenantId) => $"https://sts.windows.net/{tenantId}/";

    /// <summary>Graph accepts its resource URI with or without a trailing slash, or its app id.</summary>
    public static bool IsGraphAudience(string audience) => GraphAudiences.Contains(audience);

    public string Issue(JsonObject claims)
    {
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims));
        var signingInput = Encoding.ASCII.GetString(HeaderSegment) + "." + payload;
        var signature = HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(signingInput));
        return signingInput + "." + Base64Url.EncodeToString(signature);
    }

    /// <summary>Validates signature, lifetime (real time, not the simulator clock: advancing the clock must not expire
    /// a test's token) and audience.</summary>
    public bool TryValidate(string token, out Principal? principal, out string error)
    {
        principal = null;
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            error = "Access token validation failure. Invalid token: the JWT is not well formed.";
            return false;
        }

        byte[] header, payload;
        try
        {
            header = Base64Url.DecodeFromChars(parts[0]);
            payload = Base64Url.DecodeFromChars(parts[1]);
        }
        catch (FormatException)
        {
            error = "Access token validation failure. Invalid token: the JWT is not well formed.";
            return false;
        }

        // Compare the canonical encoding, not decoded bytes: base64url's unused trailing bits would otherwise let a
        // tampered last character through.
        var expected = Encoding.ASCII.GetBytes(Base64Url.EncodeToString(
            HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]))));
        if (!CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(parts[2])))
        {
            error = "Access token validation failure. Invalid signature.";
            return false;
        }

        JsonObject claims;
        try
        {
            if (JsonNode.Parse(header) is not JsonObject h || (string?)h["alg"] != "HS256"
                || JsonNode.Parse(payload) is not JsonObject c)
            {
                error = "Access token validation failure. Invalid token.";
                return false;
            }

            claims = c;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException)
        {
            error = "Access token validation failure. Invalid token.";
            return false;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        if (!TryLong(claims["exp"], out var exp) || exp <= now)
        {
            error = "Lifetime validation failed, the token is expired.";
            return false;
        }

        if (TryLong(claims["nbf"], out var nbf) && nbf > now + 300)
        {
            error = "Lifetime validation failed, the token is not yet valid.";
            return false;
        }

        if (claims["aud"] is not JsonValue audValue || !audValue.TryGetValue<string>(out var aud) || !IsGraphAudience(aud))
        {
            error = "Access token validation failure. Invalid audience.";
            return false;
        }

        var permissions = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? scopes = claims["scp"] is JsonValue scpValue && scpValue.TryGetValue<string>(out var scp) ? scp : null;
        var delegated = scopes is not null;
        if (scopes is not null)
        {
            foreach (var s in scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                permissions.Add(s);
            }
        }
        else if (claims["roles"] is JsonArray roles)
        {
            foreach (var r in roles)
            {
                if (r is JsonValue rv && rv.TryGetValue<string>(out var role))
                {
                    permissions.Add(role);
                }
            }
        }

        principal = new Principal(delegated, permissions, claims["appid"] is JsonValue av && av.TryGetValue<string>(out var appId) ? appId : null);
        error = string.Empty;
        return true;
    }

    private static bool TryLong(JsonNode? node, out long value)
    {
        value = 0;
        return node is JsonValue v && (v.TryGetValue(out value) || (v.TryGetValue<double>(out var d) && (value = (long)d) == (long)d));
    }
}
