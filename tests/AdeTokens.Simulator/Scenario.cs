using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdeTokens.Simulator;

internal sealed class ScenarioException(string message) : Exception(message);

/// <summary>Strict reader over one JSON object: every key must be consumed, so a typo in a scenario fails loudly
/// instead of silently testing the default. Keys starting with "_" or "$comment" are free-form notes.</summary>
internal sealed class Fields
{
    private readonly JsonObject _obj;
    private readonly string _where;
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public Fields(JsonNode node, string where)
    {
        _obj = node as JsonObject ?? throw new ScenarioException($"{where} must be a JSON object.");
        _where = where;
    }

    public string Where => _where;

    public bool Has(string name)
    {
        _used.Add(name);
        return _obj.ContainsKey(name);
    }

    public JsonNode? Node(string name)
    {
        _used.Add(name);
        return _obj.TryGetPropertyValue(name, out var n) ? n : null;
    }

    public string? String(string name)
    {
        var n = Node(name);
        if (n is null)
        {
            return null;
        }

        return n is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw new ScenarioException($"{_where}.{name} must be a string.");
    }

    public bool? Bool(string name)
    {
        var n = Node(name);
        if (n is null)
        {
            return null;
        }

        return n is JsonValue v && v.TryGetValue<bool>(out var b)
            ? b
            : throw new ScenarioException($"{_where}.{name} must be true or false.");
    }

    public int? Int(string name)
    {
        var n = Node(name);
        if (n is null)
        {
            return null;
        }

        return n is JsonValue v && v.TryGetValue<int>(out var i)
            ? i
            : throw new ScenarioException($"{_where}.{name} must be an integer.");
    }

    public List<string>? Strings(string name)
    {
        var n = Node(name);
        if (n is null)
        {
            return null;
        }

        if (n is not JsonArray a)
        {
            throw new ScenarioException($"{_where}.{name} must be an array of strings.");
        }

        return a.Select(x => x is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw new ScenarioException($"{_where}.{name} must contain only strings.")).ToList();
    }

    /// <summary>Missing key: the fallback. JSON null: null. String: the scenario date grammar.</summary>
    public DateTimeOffset? Date(string name, DateTimeOffset now, DateTimeOffset? fallback)
    {
        if (!Has(name))
        {
            return fallback;
        }

        var text = String(name);
        if (text is null)
        {
            return null;
        }

        try
        {
            return SimDates.Parse(text, now);
        }
        catch (FormatException ex)
        {
            throw new ScenarioException($"{_where}.{name}: {ex.Message}");
        }
    }

    public void RejectUnknown()
    {
        foreach (var (key, _) in _obj)
        {
            if (!_used.Contains(key) && !key.StartsWith('_') && !key.StartsWith("$comment", StringComparison.Ordinal))
            {
                throw new ScenarioException($"{_where}: unknown property \"{key}\".");
            }
        }
    }
}

internal static class ScenarioLoader
{
    private static int s_epoch;

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    public static Tenant LoadFile(string path, DateTimeOffset now)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (IOException ex)
        {
            throw new ScenarioException($"Cannot read scenario '{path}': {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ScenarioException($"Cannot read scenario '{path}': {ex.Message}");
        }

        return Load(text, now, Path.GetFileName(path));
    }

    public static Tenant Load(string json, DateTimeOffset now, string source)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: DocumentOptions);
        }
        catch (JsonException ex)
        {
            throw new ScenarioException($"{source} is not valid JSON: {ex.Message}");
        }

        if (root is null)
        {
            throw new ScenarioException($"{source} is empty.");
        }

        var f = new Fields(root, source);
        f.String("description");
        var tenantId = f.String("tenantId") ?? "8d2c7a5e-3f41-4b6a-9c1d-2e5f7a9b0c13";
        RequireGuid(tenantId, $"{source}.tenantId");
        var pageSize = f.Int("pageSize") ?? 100;
        if (pageSize is < 1 or > PageRequest.MaxTop)
        {
            throw new ScenarioException($"{source}.pageSize must be between 1 and {PageRequest.MaxTop}.");
        }

        var interval = f.Int("manualSyncIntervalMinutes") ?? 15;
        var completes = f.Int("syncCompletesAfterMs") ?? 1500;
        if (interval < 0 || completes < 0)
        {
            throw new ScenarioException($"{source}: manualSyncIntervalMinutes and syncCompletesAfterMs must not be negative.");
        }

        var rejection = ParseRejection(f.Node("manualSyncRejection"), source + ".manualSyncRejection");

        var tokens = new List<DepToken>();
        if (f.Node("tokens") is { } tokensNode)
        {
            if (tokensNode is not JsonArray array)
            {
                throw new ScenarioException($"{source}.tokens must be an array.");
            }

            for (var i = 0; i < array.Count; i++)
            {
                var where = $"{source}.tokens[{i}]";
                var token = ParseToken(array[i] ?? throw new ScenarioException($"{where} is null."), where, i, tenantId, now);
                if (tokens.Exists(t => string.Equals(t.Id, token.Id, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new ScenarioException($"{where}: duplicate token id {token.Id}.");
                }

                tokens.Add(token);
            }
        }

        var apns = f.Node("apnsCertificate") is { } apnsNode ? ParseApns(apnsNode, source + ".apnsCertificate", now) : null;
        var vpp = VppRoutes.Parse(f.Node("vppTokens"), source + ".vppTokens", now);
        var serialFilter = f.Bool("serialFilterSupported") ?? true;
        var mi = f.Node("managedIdentity") is { } miNode ? ParseManagedIdentity(miNode, source + ".managedIdentity", tenantId) : null;
        var faults = ParseFaults(f.Node("faults"), source + ".faults");
        var budgetNode = f.Node("budget");
        var budget = budgetNode is null ? BudgetEnforcer.Intune() : BudgetEnforcer.Parse(budgetNode, source + ".budget");
        var supportsExpand = f.Bool("supportsExpand") ?? true;
        var maxPageSize = f.Int("maxPageSize") ?? PageRequest.MaxTop;
        if (maxPageSize is < 1 or > PageRequest.MaxTop)
        {
            throw new ScenarioException($"{source}.maxPageSize must be between 1 and {PageRequest.MaxTop}.");
        }
        f.RejectUnknown();

        return new Tenant
        {
            TenantId = tenantId,
            Epoch = Interlocked.Increment(ref s_epoch),
            LoadedAt = now,
            PageSize = pageSize,
            ManualSyncIntervalMinutes = interval,
            SyncCompletesAfterMs = completes,
            ManualSyncRejection = rejection,
            Tokens = tokens,
            ApnsCertificate = apns,
            VppTokens = vpp,
            SerialFilterSupported = serialFilter,
            ManagedIdentity = mi,
            Faults = faults,
            Budget = budget,
            SupportsExpand = supportsExpand,
            MaxPageSize = maxPageSize,
        };
    }

    public static FaultSet ParseFaults(JsonNode? node, string where) => FaultSet.Parse(node, where);

    public static SyncOutcome ParseSyncOutcome(JsonNode? node, string where)
    {
        switch (node)
        {
            case null:
                return SyncOutcome.Success;
            case JsonValue v when v.TryGetValue<string>(out var s):
                return s.ToLowerInvariant() switch
                {
                    "success" => SyncOutcome.Success,
                    "expired" => SyncOutcome.Expired,
                    _ => throw new ScenarioException($"{where} must be \"success\", \"expired\" or {{\"errorCode\": N}}."),
                };
            case JsonObject:
                var f = new Fields(node, where);
                var code = f.Int("errorCode") ?? throw new ScenarioException($"{where}.errorCode is required.");
                f.RejectUnknown();
                return new SyncOutcome(SyncOutcomeKind.Error, code);
            default:
                throw new ScenarioException($"{where} must be \"success\", \"expired\" or {{\"errorCode\": N}}.");
        }
    }

    private static SyncRejection ParseRejection(JsonNode? node, string where)
    {
        if (node is null)
        {
            return SyncRejection.Default;
        }

        var f = new Fields(node, where);
        var rejection = new SyncRejection(
            f.Int("status") ?? SyncRejection.Default.Status,
            f.String("code") ?? SyncRejection.Default.Code,
            f.String("message") ?? SyncRejection.Default.Message);
        f.RejectUnknown();
        if (rejection.Status is < 400 or > 599)
        {
            throw new ScenarioException($"{where}.status must be a 4xx or 5xx status.");
        }

        return rejection;
    }

    private static DepToken ParseToken(JsonNode node, string where, int index, string tenantId, DateTimeOffset now)
    {
        var f = new Fields(node, where);
        var id = f.String("id") ?? DerivedGuid($"token:{tenantId}:{index}").ToString();
        var lastSuccess = f.Date("lastSuccessfulSyncDateTime", now, now.AddHours(-1));
        var token = new DepToken
        {
            Id = id,
            AppleIdentifier = f.String("appleIdentifier"),
            TokenExpirationDateTime = f.Date("tokenExpirationDateTime", now, now.AddDays(365)),
            LastModifiedDateTime = f.Date("lastModifiedDateTime", now, now.AddDays(-30)),
            LastSuccessfulSyncDateTime = lastSuccess,
            LastSyncTriggeredDateTime = f.Date("lastSyncTriggeredDateTime", now, lastSuccess),
            ShareTokenWithSchoolDataSyncService = f.Bool("shareTokenWithSchoolDataSyncService") ?? false,
            LastSyncErrorCode = f.Int("lastSyncErrorCode") ?? 0,
            TokenType = f.Has("tokenType") ? f.String("tokenType") : "dep",
            TokenName = f.Has("tokenName") ? f.String("tokenName") : $"Token {index + 1}",
            DataSharingConsentGranted = f.Bool("dataSharingConsentGranted") ?? true,
            RoleScopeTagIds = f.Strings("roleScopeTagIds") ?? ["0"],
            DateStyle = ParseDateStyle(f.String("dateStyle"), where + ".dateStyle"),
            SyncOutcome = ParseSyncOutcome(f.Node("syncOutcome"), where + ".syncOutcome"),
            Profiles = [],
            Devices = ParseDevices(f, where, id, now),
        };

        if (f.Node("profiles") is { } profilesNode)
        {
            if (profilesNode is not JsonArray profiles)
            {
                throw new ScenarioException($"{where}.profiles must be an array.");
            }

            for (var i = 0; i < profiles.Count; i++)
            {
                var pWhere = $"{where}.profiles[{i}]";
                var (profile, isDefault) = ParseProfile(profiles[i] ?? throw new ScenarioException($"{pWhere} is null."), pWhere, id, i);
                if (token.FindProfile(profile.Id) is not null)
                {
                    throw new ScenarioException($"{pWhere}: duplicate profile id {profile.Id}.");
                }

                token.Profiles.Add(profile);
                if (isDefault && !token.DefaultProfileByType.TryAdd(profile.ODataType, profile.Id))
                {
                    throw new ScenarioException($"{pWhere}: a second isDefault profile of type {profile.ODataType}.");
                }
            }
        }

        token.SyncedDeviceCount = f.Int("syncedDeviceCount") ?? token.Devices.Count;
        token.Key = new Lazy<TokenKey>(() => TokenKey.Create(id), LazyThreadSafetyMode.ExecutionAndPublication);
        f.RejectUnknown();
        return token;
    }

    private static DateStyle ParseDateStyle(string? value, string where) => value?.ToLowerInvariant() switch
    {
        null or "utc7" => DateStyle.Utc7,
        "offset" => DateStyle.Offset,
        _ => throw new ScenarioException($"{where} must be \"utc7\" or \"offset\"."),
    };

    private static (EnrollmentProfile Profile, bool IsDefault) ParseProfile(JsonNode node, string where, string tokenId, int index)
    {
        if (node is not JsonObject source)
        {
            throw new ScenarioException($"{where} must be a JSON object.");
        }

        var props = (JsonObject)source.DeepClone();
        string? Take(string name)
        {
            if (!props.Remove(name, out var n) || n is null)
            {
                return null;
            }

            return n is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw new ScenarioException($"{where}.{name} must be a string.");
        }

        var id = Take("id") ?? DerivedGuid($"profile:{tokenId}:{index}").ToString();
        var type = Take("@odata.type") ?? EnrollmentProfile.IosType;
        if (!type.StartsWith("#microsoft.graph.", StringComparison.Ordinal))
        {
            throw new ScenarioException($"{where}.@odata.type must look like #microsoft.graph.depIOSEnrollmentProfile.");
        }

        var isDefault = false;
        if (props.Remove("isDefault", out var d))
        {
            isDefault = d is JsonValue dv && dv.TryGetValue<bool>(out var b)
                ? b
                : throw new ScenarioException($"{where}.isDefault must be true or false.");
        }

        foreach (var key in props.Select(kv => kv.Key).Where(k => k.StartsWith('_') || k.StartsWith("$comment", StringComparison.Ordinal)).ToList())
        {
            props.Remove(key);
        }

        // Base enrollmentProfile properties always appear, in documented order, ahead of Setup Assistant extras.
        var ordered = new JsonObject
        {
            ["displayName"] = props.TryGetPropertyValue("displayName", out var dn) ? dn?.DeepClone() : $"Profile {index + 1}",
        };
        foreach (var (name, fallback) in new (string, JsonNode?)[]
        {
            ("description", null),
            ("requiresUserAuthentication", JsonValue.Create(false)),
            ("configurationEndpointUrl", null),
            ("enableAuthenticationViaCompanyPortal", JsonValue.Create(false)),
            ("requireCompanyPortalOnSetupAssistantEnrolledDevices", JsonValue.Create(false)),
        })
        {
            ordered[name] = props.TryGetPropertyValue(name, out var v) ? v?.DeepClone() : fallback;
        }

        foreach (var (key, value) in props)
        {
            if (!ordered.ContainsKey(key))
            {
                ordered[key] = value?.DeepClone();
            }
        }

        return (new EnrollmentProfile { Id = id, ODataType = type, Properties = ordered }, isDefault);
    }

    private static DeviceSet ParseDevices(Fields tokenFields, string where, string tokenId, DateTimeOffset now)
    {
        var explicitDevices = new List<Device>();
        var serials = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (tokenFields.Node("devices") is { } devicesNode)
        {
            if (devicesNode is not JsonArray array)
            {
                throw new ScenarioException($"{where}.devices must be an array.");
            }

            for (var i = 0; i < array.Count; i++)
            {
                var dWhere = $"{where}.devices[{i}]";
                var f = new Fields(array[i] ?? throw new ScenarioException($"{dWhere} is null."), dWhere);
                var serial = f.String("serialNumber") ?? throw new ScenarioException($"{dWhere}.serialNumber is required.");
                if (!serials.Add(serial))
                {
                    throw new ScenarioException($"{dWhere}: duplicate serialNumber {serial}.");
                }

                var created = f.Date("createdDateTime", now, now.AddDays(-30));
                var profileId = f.String("requestedEnrollmentProfileId");
                explicitDevices.Add(new Device
                {
                    Id = f.String("id") ?? DerivedGuid($"device:{tokenId}:{serial}").ToString(),
                    SerialNumber = serial,
                    RequestedEnrollmentProfileId = profileId,
                    RequestedEnrollmentProfileAssignmentDateTime = f.Date(
                        "requestedEnrollmentProfileAssignmentDateTime", now, profileId is null ? SimDates.Never : created),
                    IsSupervised = f.Bool("isSupervised") ?? true,
                    DiscoverySource = f.Has("discoverySource") ? f.String("discoverySource") : "deviceEnrollmentProgram",
                    IsDeleted = f.Bool("isDeleted") ?? false,
                    CreatedDateTime = created,
                    LastContactedDateTime = f.Date("lastContactedDateTime", now, SimDates.Never),
                    Description = f.String("description"),
                    EnrollmentState = f.Has("enrollmentState") ? f.String("enrollmentState") : "notContacted",
                    Platform = f.Has("platform") ? f.String("platform") : "ios",
                });
                f.RejectUnknown();
            }
        }

        var generators = new List<DeviceGenerator>();
        var next = explicitDevices.Count;
        if (tokenFields.Node("generateDevices") is { } genNode)
        {
            var specs = genNode is JsonArray ga ? ga.ToList() : [genNode];
            for (var i = 0; i < specs.Count; i++)
            {
                var gWhere = genNode is JsonArray ? $"{where}.generateDevices[{i}]" : $"{where}.generateDevices";
                var f = new Fields(specs[i] ?? throw new ScenarioException($"{gWhere} is null."), gWhere);
                var count = f.Int("count") ?? throw new ScenarioException($"{gWhere}.count is required.");
                if (count is < 0 or > 1_000_000)
                {
                    throw new ScenarioException($"{gWhere}.count must be between 0 and 1000000.");
                }

                var prefix = f.String("serialPrefix") ?? $"SIM{i}";
                var widest = Math.Max(1, (count - 1).ToString(CultureInfo.InvariantCulture).Length);
                generators.Add(new DeviceGenerator
                {
                    Start = next,
                    Count = count,
                    SerialPrefix = prefix,
                    // Apple serials are 12 characters; pad to that when the prefix leaves room.
                    SerialDigits = Math.Max(widest, 12 - prefix.Length),
                    Platform = f.String("platform") ?? "ios",
                    ProfileId = f.String("profileId"),
                    EnrollmentState = f.String("enrollmentState") ?? "notContacted",
                    IsSupervised = f.Bool("isSupervised") ?? true,
                    DiscoverySource = f.String("discoverySource") ?? "deviceEnrollmentProgram",
                    CreatedDateTime = f.Date("createdDateTime", now, now.AddDays(-30)) ?? now.AddDays(-30),
                });
                f.RejectUnknown();
                next = checked(next + count);
                if (generators.Take(generators.Count - 1).Any(g => string.Equals(g.SerialPrefix, prefix, StringComparison.OrdinalIgnoreCase)))
                {
                    throw new ScenarioException($"{gWhere}.serialPrefix {prefix} is used twice on one token.");
                }
            }
        }

        var seed = SHA256.HashData(Encoding.UTF8.GetBytes("generated-device:" + tokenId)).AsSpan(0, 12).ToArray();
        return new DeviceSet(explicitDevices, generators, seed);
    }

    private static ApnsCertificate? ParseApns(JsonNode node, string where, DateTimeOffset now)
    {
        var f = new Fields(node, where);
        var cert = new ApnsCertificate
        {
            Id = f.String("id") ?? "d5a3a8b6-7f2e-4c1d-9b3a-1e2f3a4b5c6d",
            AppleIdentifier = f.String("appleIdentifier"),
            TopicIdentifier = f.String("topicIdentifier"),
            LastModifiedDateTime = f.Date("lastModifiedDateTime", now, now.AddDays(-165)),
            ExpirationDateTime = f.Date("expirationDateTime", now, now.AddDays(200)),
            CertificateUploadStatus = f.String("certificateUploadStatus"),
            CertificateUploadFailureReason = f.String("certificateUploadFailureReason"),
            CertificateSerialNumber = f.String("certificateSerialNumber"),
            DateStyle = ParseDateStyle(f.String("dateStyle"), where + ".dateStyle"),
        };
        f.RejectUnknown();
        return cert;
    }

    private static ManagedIdentitySpec ParseManagedIdentity(JsonNode node, string where, string tenantId)
    {
        var f = new Fields(node, where);
        var spec = new ManagedIdentitySpec
        {
            Roles = f.Strings("roles") ?? [],
            ClientId = f.String("clientId") ?? DerivedGuid("mi-client:" + tenantId).ToString(),
            ObjectId = f.String("objectId") ?? DerivedGuid("mi-object:" + tenantId).ToString(),
            ResourceId = f.String("resourceId"),
            TokenLifetimeSeconds = f.Int("tokenLifetimeSeconds") ?? 86400,
        };
        f.RejectUnknown();
        return spec;
    }

    private static void RequireGuid(string value, string where)
    {
        if (!Guid.TryParse(value, out _))
        {
            throw new ScenarioException($"{where} must be a GUID.");
        }
    }

    /// <summary>Stable ids for things a scenario leaves unnamed, so repeated runs see the same ids.</summary>
    public static Guid DerivedGuid(string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        hash[7] = (byte)((hash[7] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16));
    }
}
