using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AdeTokens.Simulator;

/// <summary>Thrown anywhere in request handling; the pipeline turns it into a Graph error body.</summary>
internal sealed class GraphException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static GraphException BadRequest(string message) => new(400, "BadRequest", message);

    public static GraphException NotFound(string message) => new(404, "ResourceNotFound", message);
}

internal static class GraphJson
{
    public const string ContentType = "application/json";

    // Graph does not \u-escape quotes or non-ASCII text; neither do we (the output is never embedded in HTML).
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = false,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Set by the resetBody fault: announce the whole body, send part of it, then reset the connection.</summary>
    public const string ResetBodyKey = "sim.resetBody";

    /// <summary>Set by the chunked option: no Content-Length, so Kestrel sends the body in chunks.</summary>
    public const string ChunkedKey = "sim.chunked";

    public static async Task SendAsync(HttpContext ctx, int status, byte[] body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = ContentType;
        if (!ctx.Items.ContainsKey(ChunkedKey)) ctx.Response.ContentLength = body.Length;
        if (ctx.Items.ContainsKey(ResetBodyKey) && body.Length > 1)
        {
            await ctx.Response.Body.WriteAsync(body.AsMemory(0, body.Length / 2), ctx.RequestAborted);
            await ctx.Response.Body.FlushAsync(ctx.RequestAborted);
            ctx.Abort();
            return;
        }

        await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
    }

    public static Task NoContent(HttpContext ctx)
    {
        ctx.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }

    public static string ServiceRoot(HttpContext ctx) => $"{ctx.Request.Scheme}://{ctx.Request.Host}";

    /// <summary>"/beta" or "/v1.0", taken from the request so @odata.context matches what was called.</summary>
    public static string VersionRoot(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? string.Empty;
        var version = path.StartsWith("/v1.0", StringComparison.OrdinalIgnoreCase) ? "/v1.0" : "/beta";
        return ServiceRoot(ctx) + version;
    }

    public static Task WriteErrorAsync(HttpContext ctx, int status, string code, string message)
    {
        var ids = Correlation.Get(ctx);
        var body = Build(w =>
        {
            w.WriteStartObject();
            w.WriteStartObject("error");
            w.WriteString("code", code);
            w.WriteString("message", message);
            w.WriteStartObject("innerError");
            w.WriteString("date", SimDates.FormatInnerErrorDate(DateTimeOffset.UtcNow));
            w.WriteString("request-id", ids.RequestId);
            w.WriteString("client-request-id", ids.ClientRequestId);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndObject();
        });
        return SendAsync(ctx, status, body);
    }

    public static string DefaultCodeFor(int status) => status switch
    {
        400 => "BadRequest",
        401 => "InvalidAuthenticationToken",
        403 => "Forbidden",
        404 => "ResourceNotFound",
        405 => "MethodNotAllowed",
        409 => "Conflict",
        415 => "UnsupportedMediaType",
        429 => "TooManyRequests",
        503 => "ServiceUnavailable",
        _ => status >= 500 ? "InternalServerError" : "BadRequest",
    };
}

/// <summary>request-id / client-request-id pair shared by the response headers and innerError.</summary>
internal sealed record Correlation(string RequestId, string ClientRequestId)
{
    private const string ItemKey = "sim.correlation";

    public static Correlation Get(HttpContext ctx)
    {
        if (ctx.Items.TryGetValue(ItemKey, out var existing) && existing is Correlation c)
        {
            return c;
        }

        var supplied = ctx.Request.Headers["client-request-id"].ToString();
        var created = new Correlation(
            Guid.NewGuid().ToString(),
            string.IsNullOrWhiteSpace(supplied) ? Guid.NewGuid().ToString() : supplied);
        ctx.Items[ItemKey] = created;
        return created;
    }
}

/// <summary>Writes one entity's properties, honouring $select. id and @odata.type are written by the caller regardless.</summary>
internal readonly struct PropertyWriter(Utf8JsonWriter writer, IReadOnlySet<string>? select, DateStyle dateStyle)
{
    public Utf8JsonWriter Writer => writer;

    public bool Wants(string name) => select is null || select.Contains(name);

    public void String(string name, string? value)
    {
        if (!Wants(name))
        {
            return;
        }

        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }

    public void Bool(string name, bool value)
    {
        if (Wants(name))
        {
            writer.WriteBoolean(name, value);
        }
    }

    public void Int(string name, int value)
    {
        if (Wants(name))
        {
            writer.WriteNumber(name, value);
        }
    }

    public void Date(string name, DateTimeOffset? value)
    {
        if (!Wants(name))
        {
            return;
        }

        if (value is { } v)
        {
            writer.WriteString(name, SimDates.Format(v, dateStyle));
        }
        else
        {
            writer.WriteNull(name);
        }
    }

    public void Strings(string name, IEnumerable<string> values)
    {
        if (!Wants(name))
        {
            return;
        }

        writer.WriteStartArray(name);
        foreach (var v in values)
        {
            writer.WriteStringValue(v);
        }

        writer.WriteEndArray();
    }
}

/// <summary>Parsed OData query options for one request: the page window and $select.</summary>
internal sealed record PageRequest(int Offset, int Top, IReadOnlySet<string>? Select, string? SelectText)
{
    public const int MaxTop = 1000;

    private static readonly HashSet<string> CollectionOptions = new(StringComparer.OrdinalIgnoreCase) { "$top", "$select", "$skiptoken" };
    private static readonly HashSet<string> EntityOptions = new(StringComparer.OrdinalIgnoreCase) { "$select" };

    /// <summary>$filter, $orderby, $expand, $skip, $count and $search are refused with 400: whether the real service
    /// honours them here is UNVERIFIED, and silently ignoring them would let a client depend on filtering that may not exist.</summary>
    public static PageRequest ForCollection(HttpContext ctx, EntityKind kind, int defaultPageSize, int epoch, string? alsoAllowed = null, int maxTop = MaxTop)
    {
        RejectUnsupportedOptions(ctx, alsoAllowed is null ? CollectionOptions : new HashSet<string>(CollectionOptions.Append(alsoAllowed), StringComparer.OrdinalIgnoreCase));
        var query = ctx.Request.Query;
        var path = NormalizedPath(ctx);

        var skipToken = query["$skiptoken"].ToString();
        if (query.ContainsKey("$skiptoken"))
        {
            return SkipToken.Decode(skipToken, epoch, path, kind);
        }

        var top = Math.Clamp(defaultPageSize, 1, MaxTop);
        if (query.ContainsKey("$top"))
        {
            var raw = query["$top"].ToString();
            if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out top))
            {
                throw GraphException.BadRequest($"Invalid value '{raw}' for $top query option found. The $top query option requires a non-negative integer value.");
            }

            // Like Graph, a $top above the service's own ceiling is cut to it silently, and nextLink carries on.
            top = Math.Min(top, Math.Min(maxTop, MaxTop));
        }

        var (select, selectText) = ParseSelect(query["$select"].ToString(), kind);
        return new PageRequest(0, top, select, selectText);
    }

    public static PageRequest ForEntity(HttpContext ctx, EntityKind kind)
    {
        RejectUnsupportedOptions(ctx, EntityOptions);
        var (select, selectText) = ParseSelect(ctx.Request.Query["$select"].ToString(), kind);
        return new PageRequest(0, 1, select, selectText);
    }

    public static string NormalizedPath(HttpContext ctx) =>
        (ctx.Request.Path.Value ?? string.Empty).TrimEnd('/').ToLowerInvariant();

    public static (IReadOnlySet<string>? Select, string? Text) ParseSelect(string raw, EntityKind kind)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return (null, null);
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var ordered = new List<string>();
        foreach (var part in raw.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (part == "*")
            {
                return (null, null);
            }

            var canonical = kind.Canonical(part)
                ?? throw GraphException.BadRequest($"Could not find a property named '{part}' on type '{kind.TypeName}'.");
            if (names.Add(canonical))
            {
                ordered.Add(canonical);
            }
        }

        return ordered.Count == 0 ? (null, null) : (names, string.Join(',', ordered));
    }

    private static void RejectUnsupportedOptions(HttpContext ctx, HashSet<string> allowed)
    {
        foreach (var key in ctx.Request.Query.Keys)
        {
            if (key.StartsWith('$') && !allowed.Contains(key))
            {
                throw GraphException.BadRequest($"The query option '{key}' is not supported by the simulator on this resource (real support is unknown).");
            }
        }
    }
}

/// <summary>The property names an entity type accepts in $select, matched case-insensitively like Graph.</summary>
internal sealed class EntityKind
{
    private readonly Dictionary<string, string> _canonical;

    public EntityKind(string name, string typeName, IEnumerable<string> properties)
    {
        Name = name;
        TypeName = typeName;
        _canonical = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in properties)
        {
            _canonical[p] = p;
        }
    }

    public string Name { get; }

    public string TypeName { get; }

    public string? Canonical(string name) => _canonical.TryGetValue(name, out var c) ? c : null;

    public static readonly EntityKind Token = new("token", "microsoft.graph.depOnboardingSetting",
    [
        "id", "appleIdentifier", "tokenExpirationDateTime", "lastModifiedDateTime", "lastSuccessfulSyncDateTime",
        "lastSyncTriggeredDateTime", "shareTokenWithSchoolDataSyncService", "lastSyncErrorCode", "tokenType", "tokenName",
        "syncedDeviceCount", "dataSharingConsentGranted", "roleScopeTagIds",
    ]);

    public static readonly EntityKind Device = new("device", "microsoft.graph.importedAppleDeviceIdentity",
    [
        "id", "serialNumber", "requestedEnrollmentProfileId", "requestedEnrollmentProfileAssignmentDateTime", "isSupervised",
        "discoverySource", "isDeleted", "createdDateTime", "lastContactedDateTime", "description", "enrollmentState", "platform",
    ]);

    /// <summary>enrollmentProfile plus depEnrollmentBaseProfile properties (msgraph-beta-sdk-dotnet DepEnrollmentBaseProfile).
    /// Extra Setup Assistant fields a scenario adds are accepted too (see <see cref="ForProfiles"/>).</summary>
    public static readonly string[] ProfileProperties =
    [
        "id", "displayName", "description", "requiresUserAuthentication", "configurationEndpointUrl",
        "enableAuthenticationViaCompanyPortal", "requireCompanyPortalOnSetupAssistantEnrolledDevices",
        "appleIdDisabled", "applePayDisabled", "configurationWebUrl", "deviceNameTemplate", "diagnosticsDisabled",
        "displayToneSetupDisabled", "enabledSkipKeys", "isDefault", "isMandatory", "locationDisabled", "privacyPaneDisabled",
        "profileRemovalDisabled", "restoreBlocked", "screenTimeScreenDisabled", "siriDisabled", "supervisedModeEnabled",
        "supportDepartment", "supportPhoneNumber", "termsAndConditionsDisabled", "touchIdDisabled",
    ];

    public static EntityKind ForProfiles(IEnumerable<EnrollmentProfile> profiles) =>
        new("profile", "microsoft.graph.enrollmentProfile",
            ProfileProperties.Concat(profiles.SelectMany(p => p.Properties.Select(kv => kv.Key))));
}

/// <summary>Opaque, tamper-evident $skiptoken: base64url(payload || HMAC prefix). The page size and $select ride inside
/// so a client following @odata.nextLink verbatim keeps the shape it asked for.</summary>
internal static class SkipToken
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private const int MacLength = 16;

    public static string Encode(int epoch, string path, int offset, int top, string? select)
    {
        var payload = Encoding.UTF8.GetBytes(string.Join('\n', epoch.ToString(CultureInfo.InvariantCulture), path,
            offset.ToString(CultureInfo.InvariantCulture), top.ToString(CultureInfo.InvariantCulture), select ?? string.Empty));
        var mac = HMACSHA256.HashData(Key, payload);
        var all = new byte[payload.Length + MacLength];
        payload.CopyTo(all, 0);
        mac.AsSpan(0, MacLength).CopyTo(all.AsSpan(payload.Length));
        return Base64Url.EncodeToString(all);
    }

    public static PageRequest Decode(string token, int epoch, string path, EntityKind kind)
    {
        var invalid = GraphException.BadRequest("The $skiptoken is invalid or has expired. Follow @odata.nextLink exactly as returned.");
        byte[] all;
        try
        {
            all = Base64Url.DecodeFromChars(token);
        }
        catch (FormatException)
        {
            throw invalid;
        }

        if (all.Length <= MacLength)
        {
            throw invalid;
        }

        var payload = all.AsSpan(0, all.Length - MacLength);
        var expected = HMACSHA256.HashData(Key, payload);
        if (!CryptographicOperations.FixedTimeEquals(expected.AsSpan(0, MacLength), all.AsSpan(all.Length - MacLength)))
        {
            throw invalid;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('\n');
        if (parts.Length != 5
            || parts[0] != epoch.ToString(CultureInfo.InvariantCulture)
            || parts[1] != path
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            || !int.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out var top))
        {
            throw invalid;
        }

        var (select, text) = PageRequest.ParseSelect(parts[4], kind);
        return new PageRequest(offset, top, select, text);
    }
}
