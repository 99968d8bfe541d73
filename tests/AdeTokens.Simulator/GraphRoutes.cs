using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdeTokens.Simulator;

/// <summary>The simulated Graph surface for ADE tokens (beta) and the APNs certificate (v1.0), kept to the shapes in
/// graph-ade-api.md. Handlers render inside the tenant lock and write the bytes after leaving it.</summary>
internal static class GraphRoutes
{
    private const string TokenType = "#microsoft.graph.depOnboardingSetting";
    private const string DeviceType = "#microsoft.graph.importedAppleDeviceIdentity";
    private const string ApnsType = "#microsoft.graph.applePushNotificationCertificate";
    private const string TokensContext = "deviceManagement/depOnboardingSettings";
    private const int MaxAssignmentIds = 1000;

    private static readonly EntityKind ApnsKind = new("apns", "microsoft.graph.applePushNotificationCertificate",
    [
        "id", "appleIdentifier", "topicIdentifier", "lastModifiedDateTime", "expirationDateTime",
        "certificateUploadStatus", "certificateUploadFailureReason", "certificateSerialNumber",
    ]);

    /// <summary>Only these depOnboardingSetting properties may be PATCHed; the dates, counters and error code are the
    /// service's own bookkeeping. Which fields the real service lets you write is UNVERIFIED.</summary>
    private static readonly HashSet<string> WritableTokenProperties = new(StringComparer.Ordinal)
    {
        "appleIdentifier", "tokenName", "tokenType", "dataSharingConsentGranted", "shareTokenWithSchoolDataSyncService", "roleScopeTagIds",
    };

    public static void Map(WebApplication app)
    {
        var tokens = app.MapGroup("/beta/deviceManagement/depOnboardingSettings");
        tokens.MapGet("", ListTokens).Requires(GraphAccess.Read);
        tokens.MapPost("", CreateToken).Requires(GraphAccess.Write);
        tokens.MapGet("/{id}", GetToken).Requires(GraphAccess.Read);
        tokens.MapPatch("/{id}", PatchToken).Requires(GraphAccess.Write);
        tokens.MapPost("/{id}/syncWithAppleDeviceEnrollmentProgram", Sync).Requires(GraphAccess.Write);

        // Kiota addresses OData functions with a trailing "()", raw callers usually without.
        tokens.MapGet("/{id}/getEncryptionPublicKey", GetEncryptionPublicKey).Requires(GraphAccess.Read);
        tokens.MapGet("/{id}/getEncryptionPublicKey()", GetEncryptionPublicKey).Requires(GraphAccess.Read);

        // The 2024 docs list Read scopes for this POST action; the simulator treats it as the write it is (reference §4).
        tokens.MapPost("/{id}/generateEncryptionPublicKey", GenerateEncryptionPublicKey).Requires(GraphAccess.Write);
        tokens.MapPost("/{id}/uploadDepToken", UploadDepToken).Requires(GraphAccess.Write);
        tokens.MapPost("/{id}/shareForSchoolDataSyncService", (HttpContext ctx) => Share(ctx, true)).Requires(GraphAccess.Write);
        tokens.MapPost("/{id}/unshareForSchoolDataSyncService", (HttpContext ctx) => Share(ctx, false)).Requires(GraphAccess.Write);

        tokens.MapGet("/{id}/enrollmentProfiles", ListProfiles).Requires(GraphAccess.Read);
        tokens.MapGet("/{id}/enrollmentProfiles/{pid}", GetProfile).Requires(GraphAccess.Read);
        tokens.MapPost("/{id}/enrollmentProfiles/{pid}/setDefaultProfile", SetDefaultProfile).Requires(GraphAccess.Write);
        tokens.MapPost("/{id}/enrollmentProfiles/{pid}/updateDeviceProfileAssignment", UpdateDeviceProfileAssignment).Requires(GraphAccess.Write);
        tokens.MapGet("/{id}/defaultIosEnrollmentProfile",
            (HttpContext ctx) => GetDefaultProfile(ctx, EnrollmentProfile.IosType, "defaultIosEnrollmentProfile")).Requires(GraphAccess.Read);
        tokens.MapGet("/{id}/defaultMacOsEnrollmentProfile",
            (HttpContext ctx) => GetDefaultProfile(ctx, EnrollmentProfile.MacOsType, "defaultMacOsEnrollmentProfile")).Requires(GraphAccess.Read);
        tokens.MapGet("/{id}/defaultTvOSEnrollmentProfile",
            (HttpContext ctx) => GetDefaultProfile(ctx, EnrollmentProfile.TvOsType, "defaultTvOSEnrollmentProfile")).Requires(GraphAccess.Read);
        tokens.MapGet("/{id}/defaultVisionOSEnrollmentProfile",
            (HttpContext ctx) => GetDefaultProfile(ctx, EnrollmentProfile.VisionOsType, "defaultVisionOSEnrollmentProfile")).Requires(GraphAccess.Read);

        tokens.MapGet("/{id}/importedAppleDeviceIdentities", ListDevices).Requires(GraphAccess.Read);
        tokens.MapGet("/{id}/importedAppleDeviceIdentities/{iid}", GetDevice).Requires(GraphAccess.Read);

        app.MapGet("/v1.0/deviceManagement/applePushNotificationCertificate", GetApnsCertificate).Requires(GraphAccess.Read);
        app.MapGet("/beta/deviceManagement/applePushNotificationCertificate", GetApnsCertificate).Requires(GraphAccess.Read);

        app.MapPost("/v1.0/users/{user}/sendMail", SendMail).Requires(GraphAccess.MailSend);

        app.MapFallback("{**path}", Fallback);
    }

    private static TenantState State(HttpContext ctx) => ctx.RequestServices.GetRequiredService<TenantState>();

    private static string Route(HttpContext ctx, string name) => ctx.GetRouteValue(name) as string ?? string.Empty;

    // ---- depOnboardingSettings ----

    private static Task ListTokens(HttpContext ctx)
    {
        var body = State(ctx).Run((t, _) =>
        {
            // $expand=enrollmentProfiles, as microsoft/zerotrustassessment uses it. No document promises it, so a
            // scenario can refuse it ("supportsExpand": false) to exercise a client's fallback.
            var expand = ExpandProfiles(ctx, t);
            var page = PageRequest.ForCollection(ctx, EntityKind.Token, t.PageSize, t.Epoch, expand ? "$expand" : null);
            return Collection(ctx, t.Epoch, page, TokensContext, t.Tokens.Count, (w, i) =>
            {
                WriteToken(w, t.Tokens[i], page.Select);
                if (expand)
                {
                    var token = t.Tokens[i];
                    w.WriteStartArray("enrollmentProfiles");
                    foreach (var p in token.Profiles)
                    {
                        w.WriteStartObject();
                        WriteProfile(w, token, p, null);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                }
            }, expand ? "&$expand=enrollmentProfiles" : null);
        });
        return GraphJson.SendAsync(ctx, 200, body);
    }

    private static bool ExpandProfiles(HttpContext ctx, Tenant t)
    {
        if (!ctx.Request.Query.ContainsKey("$expand"))
        {
            return false;
        }

        if (!t.SupportsExpand)
        {
            throw GraphException.BadRequest("The query option '$expand' is not supported on this resource.");
        }

        var expand = ctx.Request.Query["$expand"].ToString();
        if (!string.Equals(expand, "enrollmentProfiles", StringComparison.OrdinalIgnoreCase))
        {
            throw GraphException.BadRequest($"Could not find a navigation property named '{expand}' that the simulator expands on '{EntityKind.Token.TypeName}'.");
        }

        return true;
    }

    /// <summary>POST depOnboardingSettings (201 with the new object, as the create page documents). The new token has a
    /// fresh key pair and no server token yet: no expiry, never synced. Which properties the real service requires
    /// is UNVERIFIED; the simulator asks only for tokenName.</summary>
    private static async Task CreateToken(HttpContext ctx)
    {
        var body = await ReadJsonObjectAsync(ctx);
        var name = OptionalString("tokenName", body["tokenName"]);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw GraphException.BadRequest("tokenName is required.");
        }

        var type = OptionalString("tokenType", body["tokenType"]) ?? "dep";
        if (type is not ("dep" or "appleSchoolManager"))
        {
            throw GraphException.BadRequest($"'{type}' is not a depTokenType.");
        }

        var bytes = State(ctx).Run((t, now) =>
        {
            var id = Guid.NewGuid().ToString();
            var token = new DepToken
            {
                Id = id,
                AppleIdentifier = OptionalString("appleIdentifier", body["appleIdentifier"]),
                LastModifiedDateTime = now,
                TokenType = type,
                TokenName = name,
                DataSharingConsentGranted = body["dataSharingConsentGranted"] is JsonValue v && v.TryGetValue<bool>(out var b) && b,
                RoleScopeTagIds = ["0"],
                Profiles = [],
                Devices = new DeviceSet([], [], System.Text.Encoding.UTF8.GetBytes(id)),
            };
            token.Key = new Lazy<TokenKey>(() => TokenKey.Create(id), LazyThreadSafetyMode.ExecutionAndPublication);
            t.Tokens.Add(token);
            return Entity(ctx, TokensContext, PageRequest.ForEntity(ctx, EntityKind.Token), w => WriteToken(w, token, null));
        });
        ctx.Response.Headers.Location = $"{GraphJson.VersionRoot(ctx)}/{TokensContext}/{Uri.EscapeDataString(JsonNode.Parse(bytes)!["id"]!.GetValue<string>())}";
        await GraphJson.SendAsync(ctx, 201, bytes);
    }

    private static Task GetToken(HttpContext ctx)
    {
        var body = State(ctx).Run((t, _) =>
        {
            var page = PageRequest.ForEntity(ctx, EntityKind.Token);
            var token = t.RequireToken(Route(ctx, "id"));
            return Entity(ctx, TokensContext, page, w => WriteToken(w, token, page.Select));
        });
        return GraphJson.SendAsync(ctx, 200, body);
    }

    private static async Task PatchToken(HttpContext ctx)
    {
        var patch = await ReadJsonObjectAsync(ctx);
        var body = State(ctx).Run((t, _) =>
        {
            var token = t.RequireToken(Route(ctx, "id"));

            // Validate everything before touching anything, so a bad PATCH changes nothing.
            var changes = new List<Action>();
            foreach (var (name, value) in patch)
            {
                if (name == "@odata.type" && AsString(value) == TokenType)
                {
                    continue;
                }

                if (name == "id" && string.Equals(AsString(value), token.Id, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (EntityKind.Token.Canonical(name) is not { } canonical || canonical != name)
                {
                    throw GraphException.BadRequest($"The property '{name}' does not exist on type '{EntityKind.Token.TypeName}'.");
                }

                if (!WritableTokenProperties.Contains(name))
                {
                    throw GraphException.BadRequest($"The property '{name}' is read-only and cannot be updated.");
                }

                changes.Add(name switch
                {
                    "appleIdentifier" => Apply(OptionalString(name, value), v => token.AppleIdentifier = v),
                    "tokenName" => Apply(OptionalString(name, value), v => token.TokenName = v),
                    "tokenType" => Apply(OptionalString(name, value), v => token.TokenType = v),
                    "dataSharingConsentGranted" => Apply(RequiredBool(name, value), v => token.DataSharingConsentGranted = v),
                    "shareTokenWithSchoolDataSyncService" => Apply(RequiredBool(name, value), v => token.ShareTokenWithSchoolDataSyncService = v),
                    _ => Apply(StringList(name, value), v => token.RoleScopeTagIds = v),
                });
            }

            changes.ForEach(c => c());
            var page = new PageRequest(0, 1, null, null);
            return Entity(ctx, TokensContext, page, w => WriteToken(w, token, null));
        });
        await GraphJson.SendAsync(ctx, 200, body);
    }

    private static Task Sync(HttpContext ctx)
    {
        State(ctx).Run((t, now) =>
        {
            var token = t.RequireToken(Route(ctx, "id"));
            var interval = TimeSpan.FromMinutes(t.ManualSyncIntervalMinutes);
            if (interval > TimeSpan.Zero
                && token.LastSyncTriggeredDateTime is { } last
                && !SimDates.IsNever(last)
                && now - last < interval)
            {
                // UNVERIFIED: the real service's answer to a too-early manual sync is unknown; the scenario decides.
                var r = t.ManualSyncRejection;
                throw new GraphException(r.Status, r.Code, r.Message);
            }

            token.LastSyncTriggeredDateTime = now;
            token.PendingSyncDue = now.AddMilliseconds(t.SyncCompletesAfterMs);
        });
        return GraphJson.NoContent(ctx);
    }

    private static Task GetEncryptionPublicKey(HttpContext ctx)
    {
        var key = State(ctx).Run((t, _) => t.RequireToken(Route(ctx, "id")).Key);

        // Key generation (first use) happens outside the tenant lock.
        return GraphJson.SendAsync(ctx, 200, StringValue(ctx, key.Value.Pem));
    }

    private static Task GenerateEncryptionPublicKey(HttpContext ctx)
    {
        var id = Route(ctx, "id");
        State(ctx).Run((t, _) => t.RequireToken(id));
        var fresh = TokenKey.Create(id);
        var lazy = new Lazy<TokenKey>(() => fresh);
        _ = lazy.Value;
        State(ctx).Run((t, _) => t.RequireToken(id).Key = lazy);
        return GraphJson.SendAsync(ctx, 200, StringValue(ctx, fresh.Pem));
    }

    private static async Task UploadDepToken(HttpContext ctx)
    {
        var body = await ReadJsonObjectAsync(ctx);
        var appleId = OptionalString("appleId", body["appleId"]);
        var depToken = OptionalString("depToken", body["depToken"]);
        if (string.IsNullOrWhiteSpace(appleId) || string.IsNullOrWhiteSpace(depToken))
        {
            throw GraphException.BadRequest("Both appleId and depToken are required.");
        }

        var id = Route(ctx, "id");
        var key = State(ctx).Run((t, _) => t.RequireToken(id).Key);

        // The real service's message for an unreadable token is unknown. Never echo or log the token itself.
        var unreadable = GraphException.BadRequest("The uploaded DEP token could not be decrypted or parsed.");
        var opened = key.Value.TryOpen(depToken) ?? throw unreadable;

        State(ctx).Run((t, now) =>
        {
            var token = t.RequireToken(id);
            if (!ReferenceEquals(token.Key, key))
            {
                // generateEncryptionPublicKey ran meanwhile: the token was made for a key that no longer exists.
                throw unreadable;
            }

            token.TokenExpirationDateTime = opened.AccessTokenExpiry;
            token.AppleIdentifier = appleId;
            token.LastModifiedDateTime = now;
            token.LastSyncErrorCode = 0;

            // A renewed token is one Apple accepts again.
            if (token.SyncOutcome.Kind == SyncOutcomeKind.Expired)
            {
                token.SyncOutcome = SyncOutcome.Success;
            }
        });
        await GraphJson.NoContent(ctx);
    }

    private static Task Share(HttpContext ctx, bool share)
    {
        State(ctx).Run((t, _) => t.RequireToken(Route(ctx, "id")).ShareTokenWithSchoolDataSyncService = share);
        return GraphJson.NoContent(ctx);
    }

    // ---- enrollment profiles ----

    private static Task ListProfiles(HttpContext ctx)
    {
        var body = State(ctx).Run((t, _) =>
        {
            var token = t.RequireToken(Route(ctx, "id"));
            var page = PageRequest.ForCollection(ctx, EntityKind.ForProfiles(token.Profiles), t.PageSize, t.Epoch);
            return Collection(ctx, t.Epoch, page, NavContext(token, "enrollmentProfiles"), token.Profiles.Count,
                (w, i) => WriteProfile(w, token, token.Profiles[i], page.Select));
        });
        return GraphJson.SendAsync(ctx, 200, body);
    }

    private static Task GetProfile(HttpContext ctx)
    {
        var body = State(ctx).Run((t, _) =>
        {
            var token = t.RequireToken(Route(ctx, "id"));
            var page = PageRequest.ForEntity(ctx, EntityKind.ForProfiles(token.Profiles));
            var profile = token.RequireProfile(Route(ctx, "pid"));
            return Entity(ctx, NavContext(token, "enrollmentProfiles"), page, w => WriteProfile(w, token, profile, page.Select));
        });
        return GraphJson.SendAsync(ctx, 200, body);
    }

    private static Task GetDefaultProfile(HttpContext ctx, string odataType, string navigation)
    {
        var body = State(ctx).Run((t, _) =>
        {
            var token = t.RequireToken(Route(ctx, "id"));
            var page = PageRequest.ForEntity(ctx, EntityKind.ForProfiles(token.Profiles));
            var profile = token.DefaultProfileByType.TryGetValue(odataType, out var pid) ? token.FindProfile(pid) : null;
            if (profile is null)
            {
                throw GraphException.NotFound($"No {navigation} is set on depOnboardingSetting '{token.Id}'.");
            }

            return Entity(ctx, NavContext(token, navigation), page, w => WriteProfile(w, token, profile, page.Select));
        });
        return GraphJson.SendAsync(ctx, 200, body);
    }

    private static Task SetDefaultProfile(HttpContext ctx)
    {
        State(ctx).Run((t, _) =>
        {
            var token = t.RequireToken(Route(ctx, "id"));
            var profile = token.RequireProfile(Route(ctx, "pid"));
            token.DefaultProfileByType[profile.ODataType] = profile.Id;
        });
        return GraphJson.NoContent(ctx);
    }

    /// <summary>UNVERIFIED: deviceIds are taken to be serial numbers, and one unknown serial fails the whole call
    /// with nothing changed. Both are assumptions about the real service.</summary>
    private static async Task UpdateDeviceProfileAssignment(HttpContext ctx)
    {
        var body = await ReadJsonObjectAsync(ctx);
        if (body["deviceIds"] is not JsonArray)
        {
            throw GraphException.BadRequest("deviceIds (an array of device serial numbers) is required.");
        }

        var ids = StringList("deviceIds", body["deviceIds"]);
        if (ids.Count > MaxAssignmentIds)
        {
            throw GraphException.BadRequest($"At most {MaxAssignmentIds} deviceIds can be assigned in one call; {ids.Count} were sent.");
        }

        State(ctx).Run((t, now) =>
        {
            var token = t.RequireToken(Route(ctx, "id"));
            var profile = token.RequireProfile(Route(ctx, "pid"));
            var indexes = new List<int>(ids.Count);
            var unknown = new List<string>();
            foreach (var serial in ids)
            {
                if (token.Devices.TryFindBySerial(serial, out var index))
                {
                    indexes.Add(index);
                }
                else
                {
                    unknown.Add(serial);
                }
            }

            if (unknown.Count > 0)
            {
                var shown = string.Join(", ", unknown.Take(10)) + (unknown.Count > 10 ? $" (and {unknown.Count - 10} more)" : string.Empty);
                throw GraphException.BadRequest($"No imported Apple device with serial number {shown} exists on this token. No assignment was changed.");
            }

            foreach (var index in indexes)
            {
                token.Devices.Assign(index, profile.Id, now);
            }
        });
        await GraphJson.NoContent(ctx);
    }

    // ---- imported device identities ----

    private static Task ListDevices(HttpContext ctx)
    {
        var body = State(ctx).Run((t, _) =>
        {
            var token = t.RequireToken(Route(ctx, "id"));
            if (ctx.Request.Query.ContainsKey("$filter"))
            {
                return VppRoutes.FilteredDevices(ctx, t, token, (w, d, select) => WriteDevice(w, d, token.DateStyle, select), NavContext(token, "importedAppleDeviceIdentities"));
            }

            var page = PageRequest.ForCollection(ctx, EntityKind.Device, t.PageSize, t.Epoch, maxTop: t.MaxPageSize);

            // Only the requested window is materialized, so a 200,000-device token pages in constant memory. The key
            // holds everything the bytes depend on: where the client called (nextLink and @odata.context echo it), the
            // window and $select. Devices and the tenant's epoch are the DeviceSet's own.
            var key = string.Join("\n", GraphJson.ServiceRoot(ctx), ctx.Request.PathBase.ToUriComponent(), ctx.Request.Path.ToUriComponent(),
                page.Offset.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Top.ToString(System.Globalization.CultureInfo.InvariantCulture), page.SelectText ?? "*");
            return token.Devices.RenderPage(key, () => Collection(ctx, t.Epoch, page, NavContext(token, "importedAppleDeviceIdentities"), token.Devices.Count,
                (w, i) => WriteDevice(w, token.Devices.Get(i), token.DateStyle, page.Select)));
        });
        return GraphJson.SendAsync(ctx, 200, body);
    }

    private static Task GetDevice(HttpContext ctx)
    {
        var body = State(ctx).Run((t, _) =>
        {
            var token = t.RequireToken(Route(ctx, "id"));
            var page = PageRequest.ForEntity(ctx, EntityKind.Device);
            var iid = Route(ctx, "iid");
            if (!token.Devices.TryFindById(iid, out var index))
            {
                throw GraphException.NotFound($"importedAppleDeviceIdentity '{iid}' was not found on depOnboardingSetting '{token.Id}'.");
            }

            var device = token.Devices.Get(index);
            return Entity(ctx, NavContext(token, "importedAppleDeviceIdentities"), page,
                w => WriteDevice(w, device, token.DateStyle, page.Select));
        });
        return GraphJson.SendAsync(ctx, 200, body);
    }

    // ---- APNs (v1.0) ----

    private static Task GetApnsCertificate(HttpContext ctx)
    {
        var body = State(ctx).Run((t, _) =>
        {
            var page = PageRequest.ForEntity(ctx, ApnsKind);
            var cert = t.ApnsCertificate ?? throw GraphException.NotFound("No Apple push notification certificate is configured for this account.");
            return Entity(ctx, "deviceManagement/applePushNotificationCertificate", page, w =>
            {
                w.WriteString("@odata.type", ApnsType);
                w.WriteString("id", cert.Id);
                var p = new PropertyWriter(w, page.Select, cert.DateStyle);
                p.String("appleIdentifier", cert.AppleIdentifier);
                p.String("topicIdentifier", cert.TopicIdentifier);
                p.Date("lastModifiedDateTime", cert.LastModifiedDateTime);
                p.Date("expirationDateTime", cert.ExpirationDateTime);
                p.String("certificateUploadStatus", cert.CertificateUploadStatus);
                p.String("certificateUploadFailureReason", cert.CertificateUploadFailureReason);
                p.String("certificateSerialNumber", cert.CertificateSerialNumber);
            });
        });
        return GraphJson.SendAsync(ctx, 200, body);
    }

    /// <summary>POST /users/{id | userPrincipalName}/sendMail: 202 Accepted with no body, as documented. The simulator checks
    /// only that a message with a subject, a body and at least one recipient is there, and records it for GET /_sim/mail.
    /// It does not model mailboxes: any user id is accepted, and a delegated caller may send as anyone (UNVERIFIED: the real
    /// service requires the mailbox to exist, and send-as rights for a mailbox other than the signed-in user's).</summary>
    private static async Task SendMail(HttpContext ctx)
    {
        await AlertSinks.CheckSendMailSizeAsync(ctx);
        var body = await ReadJsonObjectAsync(ctx);

        // Action parameters bind case-insensitively: the Graph .NET SDK sends "Message" and "SaveToSentItems", the
        // documentation's examples use "message" and "saveToSentItems".
        JsonNode? Parameter(string name) => body.FirstOrDefault(kv => string.Equals(kv.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
        if (Parameter("message") is not JsonObject message)
        {
            throw GraphException.BadRequest("The 'message' parameter is required.");
        }

        var to = message["toRecipients"] as JsonArray;
        if (to is null || to.Count == 0
            || to.Any(r => r?["emailAddress"]?["address"] is not JsonValue a || !a.TryGetValue<string>(out var s) || string.IsNullOrWhiteSpace(s)))
        {
            throw new GraphException(400, "ErrorInvalidRecipients", "At least one recipient with an email address is required.");
        }

        if (message["body"]?["content"] is null || message["subject"] is null)
        {
            throw GraphException.BadRequest("The message needs a subject and a body.");
        }

        ctx.RequestServices.GetRequiredService<AlertSinks>().ReceiveMail(Route(ctx, "user"), message, Parameter("saveToSentItems"), DateTimeOffset.UtcNow);
        ctx.Response.StatusCode = StatusCodes.Status202Accepted;
    }

    private static Task Fallback(HttpContext ctx)
    {
        if (!GraphPipeline.IsGraphPath(ctx.Request.Path))
        {
            throw new GraphException(404, "NotFound", $"No simulator route {ctx.Request.Method} {ctx.Request.Path}.");
        }

        var segments = (ctx.Request.Path.Value ?? string.Empty).Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length == 0 || !(segments[0].Equals("beta", StringComparison.OrdinalIgnoreCase) || segments[0].Equals("v1.0", StringComparison.Ordinal)))
        {
            throw GraphException.BadRequest($"Invalid version: {(segments.Length == 0 ? string.Empty : segments[0])}");
        }

        throw GraphException.BadRequest($"Resource not found for the segment '{segments[^1]}'.");
    }

    // ---- rendering ----

    private static string NavContext(DepToken token, string navigation) => $"{TokensContext}('{token.Id}')/{navigation}";

    internal static byte[] Collection(HttpContext ctx, int epoch, PageRequest page, string contextPath, int total, Action<Utf8JsonWriter, int> writeItem, string? nextLinkQuery = null)
    {
        var end = (int)Math.Min((long)page.Offset + page.Top, total);
        string? nextLink = null;
        if (end < total && page.Top > 0)
        {
            var token = SkipToken.Encode(epoch, PageRequest.NormalizedPath(ctx), end, page.Top, page.SelectText);
            nextLink = $"{GraphJson.ServiceRoot(ctx)}{ctx.Request.PathBase.ToUriComponent()}{ctx.Request.Path.ToUriComponent()}?$skiptoken={token}{nextLinkQuery}";
        }

        return GraphJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", $"{GraphJson.VersionRoot(ctx)}/$metadata#{contextPath}{SelectSuffix(page)}");
            if (nextLink is not null)
            {
                w.WriteString("@odata.nextLink", nextLink);
            }

            w.WriteStartArray("value");
            for (var i = page.Offset; i < end; i++)
            {
                w.WriteStartObject();
                writeItem(w, i);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    internal static byte[] Entity(HttpContext ctx, string contextPath, PageRequest page, Action<Utf8JsonWriter> writeProperties) =>
        GraphJson.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("@odata.context", $"{GraphJson.VersionRoot(ctx)}/$metadata#{contextPath}{SelectSuffix(page)}/$entity");
            writeProperties(w);
            w.WriteEndObject();
        });

    private static string SelectSuffix(PageRequest page) => page.SelectText is null ? string.Empty : $"({page.SelectText})";

    private static byte[] StringValue(HttpContext ctx, string value) => GraphJson.Build(w =>
    {
        w.WriteStartObject();
        w.WriteString("@odata.context", $"{GraphJson.VersionRoot(ctx)}/$metadata#Edm.String");
        w.WriteString("value", value);
        w.WriteEndObject();
    });

    private static void WriteToken(Utf8JsonWriter w, DepToken t, IReadOnlySet<string>? select)
    {
        w.WriteString("@odata.type", TokenType);
        w.WriteString("id", t.Id);
        var p = new PropertyWriter(w, select, t.DateStyle);
        p.String("appleIdentifier", t.AppleIdentifier);
        p.Date("tokenExpirationDateTime", t.TokenExpirationDateTime);
        p.Date("lastModifiedDateTime", t.LastModifiedDateTime);
        p.Date("lastSuccessfulSyncDateTime", t.LastSuccessfulSyncDateTime);
        p.Date("lastSyncTriggeredDateTime", t.LastSyncTriggeredDateTime);
        p.Bool("shareTokenWithSchoolDataSyncService", t.ShareTokenWithSchoolDataSyncService);
        p.Int("lastSyncErrorCode", t.LastSyncErrorCode);
        p.String("tokenType", t.TokenType);
        p.String("tokenName", t.TokenName);
        p.Int("syncedDeviceCount", t.SyncedDeviceCount);
        p.Bool("dataSharingConsentGranted", t.DataSharingConsentGranted);
        p.Strings("roleScopeTagIds", t.RoleScopeTagIds);
    }

    private static void WriteProfile(Utf8JsonWriter w, DepToken token, EnrollmentProfile profile, IReadOnlySet<string>? select)
    {
        w.WriteString("@odata.type", profile.ODataType);
        w.WriteString("id", profile.Id);
        var p = new PropertyWriter(w, select, token.DateStyle);
        foreach (var (name, value) in profile.Properties)
        {
            if (!p.Wants(name))
            {
                continue;
            }

            w.WritePropertyName(name);
            if (value is null)
            {
                w.WriteNullValue();
            }
            else
            {
                value.WriteTo(w);
            }
        }

        if (profile.HasIsDefault)
        {
            p.Bool("isDefault", token.IsDefault(profile));
        }
    }

    private static void WriteDevice(Utf8JsonWriter w, Device d, DateStyle style, IReadOnlySet<string>? select)
    {
        w.WriteString("@odata.type", DeviceType);
        w.WriteString("id", d.Id);
        var p = new PropertyWriter(w, select, style);
        p.String("serialNumber", d.SerialNumber);
        p.String("requestedEnrollmentProfileId", d.RequestedEnrollmentProfileId);
        p.Date("requestedEnrollmentProfileAssignmentDateTime", d.RequestedEnrollmentProfileAssignmentDateTime);
        p.Bool("isSupervised", d.IsSupervised);
        p.String("discoverySource", d.DiscoverySource);
        p.Bool("isDeleted", d.IsDeleted);
        p.Date("createdDateTime", d.CreatedDateTime);
        p.Date("lastContactedDateTime", d.LastContactedDateTime);
        p.String("description", d.Description);
        p.String("enrollmentState", d.EnrollmentState);
        p.String("platform", d.Platform);
    }

    // ---- request bodies ----

    public static async Task<JsonObject> ReadJsonObjectAsync(HttpContext ctx)
    {
        try
        {
            var node = await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
            return node as JsonObject ?? throw GraphException.BadRequest("The request body must be a JSON object.");
        }
        catch (JsonException)
        {
            throw GraphException.BadRequest("The request body is not valid JSON.");
        }
    }

    private static string? AsString(JsonNode? value) => value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static Action Apply<T>(T value, Action<T> set) => () => set(value);

    private static string? OptionalString(string name, JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw GraphException.BadRequest($"The value of '{name}' must be a string."),
    };

    private static bool RequiredBool(string name, JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<bool>(out var b) ? b : throw GraphException.BadRequest($"The value of '{name}' must be true or false.");

    private static List<string> StringList(string name, JsonNode? value)
    {
        if (value is not JsonArray array)
        {
            throw GraphException.BadRequest($"The value of '{name}' must be an array of strings.");
        }

        return array.Select(x => x is JsonValue v && v.TryGetValue<string>(out var s)
            ? s
            : throw GraphException.BadRequest($"The value of '{name}' must be an array of strings.")).ToList();
    }
}
