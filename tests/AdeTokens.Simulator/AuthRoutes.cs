using System.Globalization;
using System.Text.Json.Nodes;

namespace AdeTokens.Simulator;

/// <summary>Per-process secrets shared by the managed-identity endpoint and the startup banner.</summary>
internal sealed record SimSettings(string IdentityHeader);

/// <summary>Where bearer tokens come from: a test helper that mints app-only or delegated tokens on demand, and an
/// App Service (2019-08-01) managed-identity endpoint that Azure.Identity's ManagedIdentityCredential / MSAL's
/// AppServiceManagedIdentitySource talk to when IDENTITY_ENDPOINT and IDENTITY_HEADER are set.</summary>
internal static class AuthRoutes
{
    private const string TestAppId = "5b1f3c7e-2a4d-4e6f-8a9b-0c1d2e3f4a5b";
    private const string MsiApiVersion = "2019-08-01";
    private const string MsiUnknownIdentity = "Unable to load the proper Managed Identity.";

    public static void Map(WebApplication app)
    {
        app.MapPost("/_sim/token", MintTokenAsync);
        app.MapGet("/msi/token", ManagedIdentityToken);
    }

    private static async Task MintTokenAsync(HttpContext ctx)
    {
        // An empty body is a token with no permissions at all, handy for 403 tests.
        using var reader = new StreamReader(ctx.Request.Body);
        var text = await reader.ReadToEndAsync(ctx.RequestAborted);
        JsonObject body;
        try
        {
            body = string.IsNullOrWhiteSpace(text)
                ? new JsonObject()
                : JsonNode.Parse(text) as JsonObject ?? throw GraphException.BadRequest("The request body must be a JSON object.");
        }
        catch (System.Text.Json.JsonException)
        {
            throw GraphException.BadRequest("The request body is not valid JSON.");
        }

        var f = new Fields(body, "token request");
        var roles = f.Strings("roles");
        var scp = f.String("scp");
        var expiresIn = f.Int("expiresInSeconds") ?? 3599;
        var appId = f.String("appId") ?? TestAppId;
        var upn = f.String("upn");
        var oid = f.String("oid");
        var audience = f.String("audience") ?? JwtService.GraphResource;
        var tenantOverride = f.String("tenantId");
        f.RejectUnknown();
        if (roles is not null && scp is not null)
        {
            throw GraphException.BadRequest("Give either roles (app-only) or scp (delegated), not both.");
        }

        var tenantId = tenantOverride ?? ctx.RequestServices.GetRequiredService<TenantState>().Run((t, _) => t.TenantId);
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var claims = new JsonObject
        {
            ["aud"] = audience,
            ["iss"] = JwtService.Issuer(tenantId),
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = now + expiresIn,
            ["tid"] = tenantId,
            ["appid"] = appId,
            ["ver"] = "1.0",
        };
        if (scp is not null)
        {
            var userOid = oid ?? ScenarioLoader.DerivedGuid("user:" + (upn ?? "admin")).ToString();
            claims["scp"] = scp;
            claims["upn"] = upn ?? "admin@contoso.onmicrosoft.com";
            claims["oid"] = userOid;
            claims["sub"] = userOid;
            claims["idtyp"] = "user";
        }
        else
        {
            var spOid = oid ?? ScenarioLoader.DerivedGuid("sp:" + appId).ToString();
            claims["roles"] = new JsonArray((roles ?? []).Select(r => (JsonNode?)JsonValue.Create(r)).ToArray());
            claims["oid"] = spOid;
            claims["sub"] = spOid;
            claims["idtyp"] = "app";
        }

        var token = ctx.RequestServices.GetRequiredService<JwtService>().Issue(claims);
        await GraphJson.SendAsync(ctx, 200, GraphJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token);
            w.WriteNumber("expires_in", expiresIn);
            w.WriteString("token_type", "Bearer");
            w.WriteEndObject();
        }));
    }

    /// <summary>Mirrors the App Service contract MSAL relies on: GET with api-version, resource and optional
    /// client_id / mi_res_id / object_id (principal_id); secret in X-IDENTITY-HEADER; success carries access_token and
    /// expires_on as unix seconds in a string; errors carry statusCode/message/correlationId.</summary>
    private static Task ManagedIdentityToken(HttpContext ctx)
    {
        var settings = ctx.RequestServices.GetRequiredService<SimSettings>();
        var supplied = ctx.Request.Headers["X-IDENTITY-HEADER"].ToString();
        if (!string.Equals(supplied, settings.IdentityHeader, StringComparison.Ordinal))
        {
            return MsiError(ctx, 401, "Unauthorized: the X-IDENTITY-HEADER request header is missing or wrong.");
        }

        var q = ctx.Request.Query;
        if (!string.Equals(q["api-version"].ToString(), MsiApiVersion, StringComparison.Ordinal))
        {
            return MsiError(ctx, 400, $"The api-version '{q["api-version"]}' is not supported. Use {MsiApiVersion}.");
        }

        var resource = q["resource"].ToString();
        if (string.IsNullOrWhiteSpace(resource))
        {
            return MsiError(ctx, 400, "The 'resource' query parameter is required.");
        }

        var (identity, tenantId) = ctx.RequestServices.GetRequiredService<TenantState>().Run((t, _) => (t.ManagedIdentity, t.TenantId));
        if (identity is null
            || Mismatch(q["client_id"], identity.ClientId)
            || Mismatch(q["object_id"], identity.ObjectId)
            || Mismatch(q["principal_id"], identity.ObjectId)
            || (q.ContainsKey("mi_res_id") && Mismatch(q["mi_res_id"], identity.ResourceId ?? string.Empty)))
        {
            return MsiError(ctx, 400, MsiUnknownIdentity);
        }

        // Callers pass the resource, sometimes still in scope form.
        var audience = resource.EndsWith("/.default", StringComparison.OrdinalIgnoreCase) ? resource[..^"/.default".Length] : resource;
        if (JwtService.IsGraphAudience(audience))
        {
            audience = JwtService.GraphResource;
        }

        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var expiresOn = now + identity.TokenLifetimeSeconds;
        var claims = new JsonObject
        {
            ["aud"] = audience,
            ["iss"] = JwtService.Issuer(tenantId),
            ["iat"] = now,
            ["nbf"] = now,
            ["exp"] = expiresOn,
            ["tid"] = tenantId,
            ["appid"] = identity.ClientId,
            ["appidacr"] = "2",
            ["idtyp"] = "app",
            ["oid"] = identity.ObjectId,
            ["sub"] = identity.ObjectId,
            ["roles"] = new JsonArray(identity.Roles.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
            ["ver"] = "1.0",
        };
        if (identity.ResourceId is not null)
        {
            claims["xms_mirid"] = identity.ResourceId;
        }

        var token = ctx.RequestServices.GetRequiredService<JwtService>().Issue(claims);
        return GraphJson.SendAsync(ctx, 200, GraphJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("access_token", token);
            w.WriteString("expires_on", expiresOn.ToString(CultureInfo.InvariantCulture));
            w.WriteString("resource", resource);
            w.WriteString("token_type", "Bearer");
            w.WriteString("client_id", identity.ClientId);
            w.WriteEndObject();
        }));
    }

    private static bool Mismatch(Microsoft.Extensions.Primitives.StringValues supplied, string expected) =>
        !Microsoft.Extensions.Primitives.StringValues.IsNullOrEmpty(supplied)
        && !string.Equals(supplied.ToString(), expected, StringComparison.OrdinalIgnoreCase);

    private static Task MsiError(HttpContext ctx, int status, string message) =>
        GraphJson.SendAsync(ctx, status, GraphJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("statusCode", status);
            w.WriteString("message", message);
            w.WriteString("correlationId", Correlation.Get(ctx).RequestId);
            w.WriteEndObject();
        }));
}
