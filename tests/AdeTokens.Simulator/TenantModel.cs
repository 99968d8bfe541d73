using System.Buffers.Binary;
using System.Text.Json.Nodes;

namespace AdeTokens.Simulator;

/// <summary>One loaded scenario: the whole simulated tenant. Mutated only under <see cref="TenantState"/>'s lock.</summary>
internal sealed class Tenant
{
    public required string TenantId { get; init; }

    /// <summary>Changes on every scenario load so $skiptokens minted for a previous tenant are rejected.</summary>
    public required int Epoch { get; init; }

    /// <summary>The "now" relative scenario dates were resolved against.</summary>
    public required DateTimeOffset LoadedAt { get; init; }

    public int PageSize { get; init; } = 100;

    public int ManualSyncIntervalMinutes { get; init; } = 15;

    public int SyncCompletesAfterMs { get; init; } = 1500;

    public SyncRejection ManualSyncRejection { get; init; } = SyncRejection.Default;

    public required List<DepToken> Tokens { get; init; }

    public ApnsCertificate? ApnsCertificate { get; init; }

    public List<VppTokenSpec> VppTokens { get; init; } = [];

    /// <summary>False makes the documented serial $filter a 400 as well, to stand in for a service that refuses it.</summary>
    public bool SerialFilterSupported { get; init; } = true;

    public ManagedIdentitySpec? ManagedIdentity { get; init; }

    public required FaultSet Faults { get; init; }

    /// <summary>Intune's request budget for this tenant (default: the documented 1,000 / 100 writes per 20 s per app).</summary>
    public BudgetEnforcer Budget { get; init; } = BudgetEnforcer.Intune();

    /// <summary>Whether depOnboardingSettings accepts $expand=enrollmentProfiles (UNVERIFIED either way; see README).</summary>
    public bool SupportsExpand { get; init; } = true;

    /// <summary>The largest device page the service gives whatever $top asks (Graph's real ceiling is UNVERIFIED).</summary>
    public int MaxPageSize { get; init; } = PageRequest.MaxTop;

    public DepToken? FindToken(string id) =>
        Tokens.Find(t => string.Equals(t.Id, id, StringComparison.OrdinalIgnoreCase));

    public DepToken RequireToken(string id) =>
        FindToken(id) ?? throw GraphException.NotFound($"depOnboardingSetting '{id}' was not found.");

    /// <summary>Syncs complete lazily: whoever looks at the tenant after a sync's due time sees it finished.
    /// That is deterministic under test, unlike a timer racing the next request.</summary>
    public void ApplyDueSyncs(DateTimeOffset now)
    {
        foreach (var token in Tokens)
        {
            if (token.PendingSyncDue is { } due && due <= now)
            {
                token.CompleteSync(due);
            }
        }
    }
}

/// <summary>What the simulator answers when a manual sync comes too soon. The real answer is UNVERIFIED, hence configurable.</summary>
internal sealed record SyncRejection(int Status, string Code, string Message)
{
    public static readonly SyncRejection Default = new(
        409,
        "Conflict",
        "A sync was requested less than the minimum interval after the previous one. Try again later.");
}

internal enum SyncOutcomeKind
{
    Success,
    Error,
    Expired,
}

internal sealed record SyncOutcome(SyncOutcomeKind Kind, int ErrorCode)
{
    /// <summary>lastSyncErrorCode recorded when Apple rejects the token. The real integer is undocumented.</summary>
    public const int ExpiredErrorCode = 1;

    public static readonly SyncOutcome Success = new(SyncOutcomeKind.Success, 0);

    public static readonly SyncOutcome Expired = new(SyncOutcomeKind.Expired, ExpiredErrorCode);

    public JsonNode ToJson() => Kind switch
    {
        SyncOutcomeKind.Success => JsonValue.Create("success"),
        SyncOutcomeKind.Expired => JsonValue.Create("expired"),
        _ => new JsonObject { ["errorCode"] = ErrorCode },
    };
}

internal sealed class DepToken
{
    public required string Id { get; init; }

    public string? AppleIdentifier { get; set; }

    public DateTimeOffset? TokenExpirationDateTime { get; set; }

    public DateTimeOffset? LastModifiedDateTime { get; set; }

    public DateTimeOffset? LastSuccessfulSyncDateTime { get; set; }

    public DateTimeOffset? LastSyncTriggeredDateTime { get; set; }

    public bool ShareTokenWithSchoolDataSyncService { get; set; }

    public int LastSyncErrorCode { get; set; }

    public string? TokenType { get; set; }

    public string? TokenName { get; set; }

    public int SyncedDeviceCount { get; set; }

    public bool DataSharingConsentGranted { get; set; }

    public List<string> RoleScopeTagIds { get; set; } = [];

    public DateStyle DateStyle { get; init; }

    public SyncOutcome SyncOutcome { get; set; } = SyncOutcome.Success;

    public DateTimeOffset? PendingSyncDue { get; set; }

    public required List<EnrollmentProfile> Profiles { get; init; }

    /// <summary>Default profile id per profile @odata.type (one default per platform).</summary>
    public Dictionary<string, string> DefaultProfileByType { get; } = new(StringComparer.OrdinalIgnoreCase);

    public required DeviceSet Devices { get; init; }

    /// <summary>RSA key generation costs ~100 ms, so a token's key is made on first use rather than at load;
    /// a client cannot tell the difference. Replaced wholesale by generateEncryptionPublicKey.</summary>
    public Lazy<TokenKey> Key { get; set; } = null!;

    public EnrollmentProfile? FindProfile(string id) =>
        Profiles.Find(p => string.Equals(p.Id, id, StringComparison.OrdinalIgnoreCase));

    public EnrollmentProfile RequireProfile(string id) =>
        FindProfile(id) ?? throw GraphException.NotFound($"enrollmentProfile '{id}' was not found on depOnboardingSetting '{Id}'.");

    public bool IsDefault(EnrollmentProfile profile) =>
        DefaultProfileByType.TryGetValue(profile.ODataType, out var id) && string.Equals(id, profile.Id, StringComparison.OrdinalIgnoreCase);

    public void CompleteSync(DateTimeOffset completedAt)
    {
        PendingSyncDue = null;
        var outcome = SyncOutcome;

        // Apple refuses an expired server token whatever the scenario hoped for.
        if (outcome.Kind == SyncOutcomeKind.Success
            && TokenExpirationDateTime is { } expiry
            && !SimDates.IsNever(expiry)
            && expiry <= completedAt)
        {
            outcome = SyncOutcome.Expired;
        }

        switch (outcome.Kind)
        {
            case SyncOutcomeKind.Success:
                LastSuccessfulSyncDateTime = completedAt;
                LastSyncErrorCode = 0;
                SyncedDeviceCount = Devices.Count;
                break;
            case SyncOutcomeKind.Error:
                LastSyncErrorCode = outcome.ErrorCode;
                break;
            default:
                if (LastSyncErrorCode == 0)
                {
                    LastSyncErrorCode = SyncOutcome.ExpiredErrorCode;
                }

                break;
        }
    }
}

internal sealed class EnrollmentProfile
{
    public const string IosType = "#microsoft.graph.depIOSEnrollmentProfile";
    public const string MacOsType = "#microsoft.graph.depMacOSEnrollmentProfile";
    public const string TvOsType = "#microsoft.graph.depTvOSEnrollmentProfile";
    public const string VisionOsType = "#microsoft.graph.depVisionOSEnrollmentProfile";

    public required string Id { get; init; }

    public required string ODataType { get; init; }

    /// <summary>Every other property, in the order it is rendered. Setup Assistant fields pass through untouched.</summary>
    public required JsonObject Properties { get; init; }

    /// <summary>isDefault exists only on depEnrollmentBaseProfile and its subtypes (the dep* profile types).</summary>
    public bool HasIsDefault => ODataType.StartsWith("#microsoft.graph.dep", StringComparison.OrdinalIgnoreCase);
}

internal sealed class Device
{
    public required string Id { get; init; }

    public required string SerialNumber { get; init; }

    public string? RequestedEnrollmentProfileId { get; set; }

    public DateTimeOffset? RequestedEnrollmentProfileAssignmentDateTime { get; set; }

    public bool IsSupervised { get; init; }

    public string? DiscoverySource { get; init; }

    public bool IsDeleted { get; init; }

    public DateTimeOffset? CreatedDateTime { get; init; }

    public DateTimeOffset? LastContactedDateTime { get; init; }

    public string? Description { get; init; }

    public string? EnrollmentState { get; init; }

    public string? Platform { get; init; }
}

/// <summary>A run of devices described by a formula instead of stored one by one, so a 200,000-device token
/// costs a few bytes until a page of it is actually rendered.</summary>
internal sealed class DeviceGenerator
{
    public required int Start { get; init; }

    public required int Count { get; init; }

    public required string SerialPrefix { get; init; }

    public required int SerialDigits { get; init; }

    public required string Platform { get; init; }

    public string? ProfileId { get; init; }

    public required string EnrollmentState { get; init; }

    public required bool IsSupervised { get; init; }

    public required string DiscoverySource { get; init; }

    public required DateTimeOffset CreatedDateTime { get; init; }

    public string Serial(int local) => SerialPrefix + local.ToString("D" + SerialDigits, System.Globalization.CultureInfo.InvariantCulture);

    public bool TryParseSerial(string serial, out int local)
    {
        local = -1;
        if (!serial.StartsWith(SerialPrefix, StringComparison.OrdinalIgnoreCase) || serial.Length != SerialPrefix.Length + SerialDigits)
        {
            return false;
        }

        var digits = serial.AsSpan(SerialPrefix.Length);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out local)
            && local < Count;
    }
}

/// <summary>A token's imported device identities: explicit ones first, then generated runs, addressed by a stable index.</summary>
internal sealed class DeviceSet
{
    // An odd multiplier and its inverse mod 2^32: generated ids stay reversible to their index without looking sequential.
    private const uint IdScramble = 0x9E3779B1;
    private const uint IdUnscramble = 0x0E8B2F51;

    private readonly List<Device> _explicit;
    private readonly Dictionary<string, int> _explicitById = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _explicitBySerial = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<DeviceGenerator> _generators;
    private readonly byte[] _idSeed;

    // Generated devices are immutable formulas; a profile assignment on one is remembered here by index.
    private readonly Dictionary<int, (string ProfileId, DateTimeOffset At)> _generatedAssignments = [];

    public DeviceSet(List<Device> explicitDevices, List<DeviceGenerator> generators, byte[] idSeed)
    {
        _explicit = explicitDevices;
        _generators = generators;
        _idSeed = idSeed;
        for (var i = 0; i < explicitDevices.Count; i++)
        {
            _explicitById[explicitDevices[i].Id] = i;
            _explicitBySerial[explicitDevices[i].SerialNumber] = i;
        }

        Count = explicitDevices.Count + generators.Sum(g => g.Count);
    }

    public int Count { get; }

    public int ExplicitCount => _explicit.Count;

    public Device Get(int index)
    {
        if (index < _explicit.Count)
        {
            return _explicit[index];
        }

        var generator = _generators.Find(g => index >= g.Start && index < g.Start + g.Count)
            ?? throw new ArgumentOutOfRangeException(nameof(index));
        var local = index - generator.Start;
        var assigned = _generatedAssignments.TryGetValue(index, out var a);
        var profileId = assigned ? a.ProfileId : generator.ProfileId;
        return new Device
        {
            Id = GeneratedId(index).ToString(),
            SerialNumber = generator.Serial(local),
            RequestedEnrollmentProfileId = profileId,
            RequestedEnrollmentProfileAssignmentDateTime = assigned ? a.At : profileId is null ? SimDates.Never : generator.CreatedDateTime,
            IsSupervised = generator.IsSupervised,
            DiscoverySource = generator.DiscoverySource,
            IsDeleted = false,
            CreatedDateTime = generator.CreatedDateTime,
            LastContactedDateTime = string.Equals(generator.EnrollmentState, "notContacted", StringComparison.OrdinalIgnoreCase)
                ? SimDates.Never
                : generator.CreatedDateTime.AddDays(1),
            Description = null,
            EnrollmentState = generator.EnrollmentState,
            Platform = generator.Platform,
        };
    }

    public bool TryFindById(string id, out int index)
    {
        if (_explicitById.TryGetValue(id, out index))
        {
            return true;
        }

        index = -1;
        Span<byte> bytes = stackalloc byte[16];
        if (!Guid.TryParse(id, out var guid) || !guid.TryWriteBytes(bytes) || !bytes[..12].SequenceEqual(_idSeed))
        {
            return false;
        }

        var candidate = unchecked((int)(BinaryPrimitives.ReadUInt32BigEndian(bytes[12..]) * IdUnscramble));
        if (candidate < _explicit.Count || candidate >= Count)
        {
            return false;
        }

        index = candidate;
        return true;
    }

    public bool TryFindBySerial(string serial, out int index)
    {
        if (_explicitBySerial.TryGetValue(serial, out index))
        {
            return true;
        }

        foreach (var generator in _generators)
        {
            if (generator.TryParseSerial(serial, out var local))
            {
                index = generator.Start + local;
                return true;
            }
        }

        index = -1;
        return false;
    }

    public void Assign(int index, string profileId, DateTimeOffset at)
    {
        ForgetRenderedPages();
        if (index < _explicit.Count)
        {
            _explicit[index].RequestedEnrollmentProfileId = profileId;
            _explicit[index].RequestedEnrollmentProfileAssignmentDateTime = at;
        }
        else
        {
            _generatedAssignments[index] = (profileId, at);
        }
    }

    // Rendered pages, by everything their bytes depend on (the caller's key), so a page asked for again is not
    // rendered again. Rendering is the simulator's CPU, not Graph's: on a 2-core machine it is taken from the client
    // being measured, and a 200,000-device token costs seconds of it per walk. The bytes are the same either way;
    // any change to a device forgets every page. Capped, so a huge tenant still pages in bounded memory.
    // Callers hold the tenant lock.
    private const long MaxRenderedPageBytes = 192L * 1024 * 1024;
    private readonly Dictionary<string, byte[]> _renderedPages = new(StringComparer.Ordinal);
    private long _renderedPageBytes;

    public byte[] RenderPage(string key, Func<byte[]> render)
    {
        if (_renderedPages.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var body = render();
        if (_renderedPageBytes + body.Length <= MaxRenderedPageBytes)
        {
            _renderedPages[key] = body;
            _renderedPageBytes += body.Length;
        }

        return body;
    }

    private void ForgetRenderedPages()
    {
        _renderedPages.Clear();
        _renderedPageBytes = 0;
    }

    private Guid GeneratedId(int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        _idSeed.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[12..], unchecked((uint)index * IdScramble));
        return new Guid(bytes);
    }
}

internal sealed class ApnsCertificate
{
    public required string Id { get; init; }

    public string? AppleIdentifier { get; init; }

    public string? TopicIdentifier { get; init; }

    public DateTimeOffset? LastModifiedDateTime { get; init; }

    public DateTimeOffset? ExpirationDateTime { get; init; }

    public string? CertificateUploadStatus { get; init; }

    public string? CertificateUploadFailureReason { get; init; }

    public string? CertificateSerialNumber { get; init; }

    public DateStyle DateStyle { get; init; }
}

internal sealed class ManagedIdentitySpec
{
    public required List<string> Roles { get; init; }

    public required string ClientId { get; init; }

    public required string ObjectId { get; init; }

    public string? ResourceId { get; init; }

    public int TokenLifetimeSeconds { get; init; } = 86400;
}
